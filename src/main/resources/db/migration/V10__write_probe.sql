-- Readiness inserts a row here and rolls it back, so a database that answers reads but refuses writes (a broken
-- constraint, a read-only or full disk, a revoked grant) takes the node out of service. The check constraint is the
-- kind that H2 2.4 stopped evaluating once the connection that created it had closed.
create table write_probe (
    node   varchar(200) not null,
    status varchar(16)  not null,
    at     timestamp with time zone not null,
    constraint ck_write_probe_status check (status in ('PROBE'))
);
