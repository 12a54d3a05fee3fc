-- A job derived from another (POST /api/v1/jobs/{id}/retry-with): the original's key and the JSON Merge Patch that
-- made the new spec from the original's spec as sent. Deleting the original keeps the derived job and its patch, and
-- only forgets where it came from. The index serves that delete's lookup and the derivedFrom filter of the job list.
alter table job add column derived_from bigint;
alter table job add column derived_patch text;
alter table job add constraint fk_job_derived_from foreign key (derived_from) references job (id) on delete set null;
create index ix_job_derived_from on job (derived_from);
