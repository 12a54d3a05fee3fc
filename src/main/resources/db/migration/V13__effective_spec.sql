-- A job's effective spec: the spec as sent with every default filled in, written once at submission. It is what the
-- worker runs and what job_param holds, so a default changed in a later release cannot change a queued or resumed job.
-- Jobs submitted before it have none and run their spec as sent.
alter table job add column effective_spec text;

-- A sweep's trials as planned when it was created: each checked and filled in once, queued as it is when its turn
-- comes. Trials beyond these (an extended sweep, or one created before this table) are planned when first needed.
create table sweep_trial (
    sweep_id       bigint  not null,
    trial_index    integer not null,
    spec_json      text    not null,
    effective_spec text    not null,
    constraint pk_sweep_trial primary key (sweep_id, trial_index),
    constraint fk_sweep_trial_sweep foreign key (sweep_id) references sweep (id) on delete cascade
);
