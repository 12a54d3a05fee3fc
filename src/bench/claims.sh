#!/usr/bin/env bash
# Claim latency on PostgreSQL with a deep queue: QUEUED jobs (default 10,000) of OWNERS owners (default 100), two
# running jobs for each of half the owners, on a schema Flyway made from the jar. pgbench times the claim as
# JobQueue.claim runs it (the fair choice of a queued row, locked, then its move to running) in a transaction that is
# rolled back, so every claim sees the same queue; one client, ROUNDS interleaved rounds of SECONDS each.
# Usage: src/bench/claims.sh   (127.0.0.1:5432 as user postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
queued="${QUEUED:-10000}"
owners="${OWNERS:-100}"
rounds="${ROUNDS:-5}"
seconds="${SECONDS_PER_ROUND:-10}"
port=18084
key="ty_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
database=trainyard_claims
sql() { psql -h 127.0.0.1 -U postgres -d "$database" -qAtX -v ON_ERROR_STOP=1 "$@"; }

./mvnw -q -DskipTests package
data=$(mktemp -d)
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $database" -c "create database $database"
TRAINYARD_BOOTSTRAP_KEY="$key" java --add-modules=jdk.incubator.vector -jar target/trainyard.jar --server.port=$port \
    --trainyard.node.data-dir="$data" --trainyard.worker.slots=0 --spring.profiles.active=postgres \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$database" --spring.datasource.username=postgres \
    >"$data/node.log" 2>&1 &
node=$!
until curl -fs "localhost:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do sleep 0.2; done
curl -fs -o /dev/null -H "X-API-Key: $key" -H 'Content-Type: application/json' "localhost:$port/api/v1/jobs" \
    -d '{"dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 4}]}}'
kill "$node"; wait "$node" 2>/dev/null || true

# Every column of the submitted job but those that tell the copies apart.
columns=$(sql -c "select string_agg(column_name, ', ' order by ordinal_position) from information_schema.columns
    where table_name = 'job' and column_name not in ('id', 'public_id', 'owner', 'status', 'priority', 'created_at',
    'updated_at')")
sql -c "insert into job (public_id, owner, status, priority, created_at, updated_at, $columns)
    select gen_random_uuid(), 'owner-' || (g % $owners), 'QUEUED', g % 3, current_timestamp, current_timestamp, $columns
    from job, generate_series(1, $queued) g"
sql -c "insert into job (public_id, owner, status, priority, created_at, updated_at, $columns)
    select gen_random_uuid(), 'owner-' || (g % ($owners / 2)), 'RUNNING', 0, current_timestamp, current_timestamp,
    $columns from (select * from job fetch first 1 rows only) t, generate_series(1, $owners) g"
sql -c "vacuum analyze job"  # as autovacuum leaves a queue that has settled
echo "queue: $(sql -c "select count(*) from job where status = 'QUEUED'") queued jobs of \
$(sql -c "select count(distinct owner) from job where status = 'QUEUED'") owners, \
$(sql -c "select count(*) from job where status = 'RUNNING'") running"

cat >"$data/claim.sql" <<'SQL'
begin;
select j.id from job j left join (select owner, count(*) as running from job where status = 'RUNNING'
    group by owner) r on r.owner = j.owner where j.status = 'QUEUED' and (j.not_before is null or
    j.not_before <= current_timestamp) order by coalesce(r.running, 0), j.priority desc, j.id
    fetch first 1 rows only for no key update of j skip locked \gset
update job set status = 'RUNNING', attempt = attempt + 1, lease_owner = 'bench',
    lease_until = current_timestamp + interval '60 seconds' where id = :id;
rollback;
SQL
for round in $(seq 1 "$rounds"); do
    (cd "$data" && pgbench -h 127.0.0.1 -U postgres -n -c 1 -T "$seconds" -f claim.sql -l --log-prefix="round$round" \
        "$database" >/dev/null 2>&1)
    # pgbench's log: client, transaction, latency in microseconds, ...
    cat "$data"/round"$round"* | awk '{print $3}' | sort -n | awk -v round="$round" '{v[NR] = $1}
        END {printf "round %s: %d claims, median %.2f ms, p99 %.2f ms\n", round, NR, v[int(NR / 2) + 1] / 1000,
        v[int(NR * 0.99) + 1] / 1000}'
done
sql -c "explain (analyze, buffers, costs off) select j.id from job j left join (select owner, count(*) as running
    from job where status = 'RUNNING' group by owner) r on r.owner = j.owner where j.status = 'QUEUED' and
    (j.not_before is null or j.not_before <= current_timestamp) order by coalesce(r.running, 0), j.priority desc, j.id
    fetch first 1 rows only" | sed 's/^/  /'
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $database"
rm -rf "$data"
echo "machine: $(nproc) cores, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs), $(psql --version)"
