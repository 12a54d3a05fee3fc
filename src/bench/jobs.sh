#!/usr/bin/env bash
# Service benchmark: a node started from the jar, driven over HTTP by dev.trainyard.job.JobsBench.
#   overhead  the same spec through the node vs on the engine alone (REPEATS runs each, alternating)
#   tiny      500 tiny jobs through the node (default slots: one per core)
#   submit    submission latency of 50 concurrent clients on a node with no worker slots (an API node): back to back
#             (40 jobs each: the node at saturation), then pausing 0.25-0.75 s between jobs (20 each)
#   metrics   a job of 100,000 epochs, then one metric's 100,000 points read down-sampled to 500
# Usage: src/bench/jobs.sh [h2|postgres]...   (default: both; postgres uses 127.0.0.1:5432 as user postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
databases="${*:-h2 postgres}"
repeats="${REPEATS:-5}"
port=18081
key="ty_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

./mvnw -q -DskipTests package
./mvnw -q -Pbench -DskipTests test-compile
./mvnw -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

node_pid=""
start_node() {  # start_node <database> <extra args...>
    local database=$1; shift
    local args=(--server.port=$port --trainyard.node.data-dir="$data")
    if [ "$database" = postgres ]; then
        args+=(--spring.profiles.active=postgres --spring.datasource.url="$jdbc" --spring.datasource.username=postgres)
    else
        args+=(--spring.datasource.url="$jdbc")
    fi
    TRAINYARD_BOOTSTRAP_KEY="$key" java --add-modules=jdk.incubator.vector -jar target/trainyard.jar "${args[@]}" "$@" \
        >"$data/node.log" 2>&1 &
    node_pid=$!
    until curl -fs "localhost:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do sleep 0.2; done
}
stop_node() {
    kill "$node_pid"; wait "$node_pid" 2>/dev/null || true
}
bench() {
    java --add-modules=jdk.incubator.vector -cp "$classpath" dev.trainyard.job.JobsBench "http://localhost:$port" "$key" "$@"
}

for database in $databases; do
    data=$(mktemp -d)
    if [ "$database" = postgres ]; then
        psql -h 127.0.0.1 -U postgres -qc "drop database if exists trainyard_bench" -c "create database trainyard_bench"
        jdbc="jdbc:postgresql://127.0.0.1:5432/trainyard_bench"
    else
        jdbc="jdbc:h2:file:$data/trainyard"
    fi
    echo "== $database"
    start_node "$database"
    bench overhead "$repeats"
    bench tiny 500
    bench metrics
    stop_node
    start_node "$database" --trainyard.worker.slots=0
    bench submit 50 40 0
    bench submit 50 20 500
    stop_node
    rm -rf "$data"
done
echo "machine: $(nproc) cores, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
