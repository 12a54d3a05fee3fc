#!/usr/bin/env bash
# Measures what a new user waits for: the package build, the jar's size, and a cold start of
# the jar until readiness is UP (with the engine's first-call time from the log).
# Usage: src/bench/startup.sh [runs]   (default 3 runs; results go into docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
port=18080

start=$(date +%s.%N)
./mvnw -q -DskipTests clean package
build=$(echo "$(date +%s.%N) - $start" | bc)
jar=target/trainyard.jar
printf 'package build (clean, dependencies cached): %.1f s\n' "$build"
printf 'jar size: %s MB\n' "$(( $(stat -c %s "$jar") / 1024 / 1024 ))"

for run in $(seq 1 "$runs"); do
    data=$(mktemp -d)
    log="$data/node.log"
    start=$(date +%s.%N)
    java --add-modules=jdk.incubator.vector -jar "$jar" --server.port="$port" --trainyard.node.data-dir="$data" >"$log" 2>&1 &
    pid=$!
    until curl -fs "localhost:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do sleep 0.1; done
    ready=$(echo "$(date +%s.%N) - $start" | bc)
    started=$(grep -o 'Started TrainyardApplication in [0-9.]* seconds' "$log" | grep -o '[0-9.]*' | head -1)
    warm=$(grep -o 'warmed up in [0-9]* ms' "$log" | grep -o '[0-9]*')
    printf 'run %d: ready after %.1f s (Spring context %s s, engine warm-up %s ms)\n' "$run" "$ready" "$started" "$warm"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$data"
done
