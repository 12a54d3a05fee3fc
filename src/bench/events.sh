#!/usr/bin/env bash
# Event streams beside clients that never read: a node started from the jar, driven by
# dev.trainyard.job.EventsBench (JDK only, run as a source file). Prints the bench's JSON line, then how many lines
# the node logged at ERROR (its shutdown included).
# Usage: src/bench/events.sh [h2|postgres]...   (default: h2; postgres uses 127.0.0.1:5432 as user postgres)
#        SLOW_CLIENTS=5, SETTLE=30 (seconds the slow clients get to fill their buffers), JAR=target/trainyard.jar (default: built here)
set -euo pipefail
cd "$(dirname "$0")/../.."
databases="${*:-h2}"
slow="${SLOW_CLIENTS:-5}"
settle="${SETTLE:-30}"
key="ty_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
jar="${JAR:-}"
if [ -z "$jar" ]; then
    ./mvnw -q -DskipTests package
    jar=target/trainyard.jar
fi

for database in $databases; do
    data=$(mktemp -d)
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    args=(--server.port=$port --trainyard.node.data-dir="$data" --trainyard.worker.slots=2)
    if [ "$database" = postgres ]; then
        psql -h 127.0.0.1 -U postgres -qc "drop database if exists trainyard_bench_events" \
            -c "create database trainyard_bench_events"
        args+=(--spring.profiles.active=postgres
            --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/trainyard_bench_events
            --spring.datasource.username=postgres)
    fi
    TRAINYARD_BOOTSTRAP_KEY="$key" java --add-modules=jdk.incubator.vector -jar "$jar" "${args[@]}" >"$data/node.log" 2>&1 &
    node=$!
    until curl -fs "localhost:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
        kill -0 "$node" 2>/dev/null || { echo "the node did not start: $data/node.log"; exit 1; }
        sleep 0.2
    done
    echo "== $database"
    java src/bench/java/dev/trainyard/job/EventsBench.java "http://localhost:$port" "$key" "$node" "$slow" "$settle"
    wait "$node" 2>/dev/null || true
    echo "node log lines at ERROR: $(grep -c ' ERROR ' "$data/node.log" || true) (log: $data/node.log)"
done
echo "machine: $(nproc) cores, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
