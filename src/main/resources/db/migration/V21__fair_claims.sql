-- Claims go to the owner with the fewest running jobs, then to the owner's job of highest priority, then the oldest:
-- a job's priority among its owner's, and an index holding what the claim reads of a queued job, so it need not read
-- the rows themselves.
alter table job add column priority integer default 0 not null;
create index ix_job_claim on job (status, owner, priority, id, not_before);
