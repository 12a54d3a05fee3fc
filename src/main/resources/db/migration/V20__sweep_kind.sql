-- What started a sweep: 'sweep' for POST /sweeps, or the feature that built it from a request of its own (a race,
-- an optimizer x seed grid), with that request kept as sent so the feature can rebuild its report from the trials.
alter table sweep add column kind varchar(16) default 'sweep' not null;
alter table sweep add column kind_request text;

create index ix_sweep_owner_kind on sweep (owner, kind, id);
