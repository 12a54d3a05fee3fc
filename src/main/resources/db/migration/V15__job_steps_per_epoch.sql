-- The gradient steps of one epoch, computed at submission from the training split's rows and the batch; null for jobs
-- submitted before it was kept.
alter table job add column steps_per_epoch integer;
