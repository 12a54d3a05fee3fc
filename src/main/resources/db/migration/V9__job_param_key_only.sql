-- Hyperparameter filters probe job_param by its key (job_id, name) for each job of the owner's keyset page, so the
-- (name, value) indexes only cost time on every submission (three index inserts per row, ~40 rows per job).
drop index ix_job_param_num;
drop index ix_job_param_text;
