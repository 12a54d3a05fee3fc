-- Each metric's history in blocks of 64 steps: the block's lowest and highest point. Long histories are down-sampled
-- from these rows instead of from every point. Kept by the same transactions that write and drop metric points.
create table metric_rollup (
    job_id   bigint           not null,
    name     varchar(64)      not null,
    block    integer          not null,
    points   integer          not null,
    lo_step  integer          not null,
    lo_value double precision not null,
    hi_step  integer          not null,
    hi_value double precision not null,
    constraint pk_metric_rollup primary key (job_id, name, block),
    constraint fk_metric_rollup_job foreign key (job_id) references job (id) on delete cascade
);
