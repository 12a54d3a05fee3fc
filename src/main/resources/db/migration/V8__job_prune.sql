-- A sweep stops unpromising trials: like a cancel (the worker stops at its next step), but the job ends PRUNED and
-- keeps the sweep's reason.
alter table job add column prune_reason varchar(500);
