#!/usr/bin/env bash
# What diagnostics cost: the rules over a 1,000-epoch, 8-layer history, and the statistics training records for them
# against W1's and W2's epoch times (DiagnosticsBench, in this JVM); then GET /jobs/{id}/diagnostics on a node (H2,
# default settings) for a real 1,000-epoch job with 8 dense layers, median of 21 requests after 5.
# Usage: src/bench/diagnostics.sh. Prints the CPU and one JSON line per phase.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=18084
key="ty_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
data="$(mktemp -d)"

./mvnw -q -DskipTests package
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
./mvnw -q -DskipTests test-compile
mkdir -p target/bench-diagnostics
javac -d target/bench-diagnostics -cp "$classpath" src/bench/java/dev/trainyard/engine/diagnose/DiagnosticsBench.java

grep -m1 "model name" /proc/cpuinfo
echo "cores: $(nproc); flags: $(grep -m1 flags /proc/cpuinfo | tr ' ' '\n' | grep -E '^avx512(f|bw|vl)$|^avx2$|^fma$' | tr '\n' ' ')"
java --add-modules=jdk.incubator.vector -cp "target/bench-diagnostics:$classpath" \
    dev.trainyard.engine.diagnose.DiagnosticsBench 2>/dev/null

TRAINYARD_BOOTSTRAP_KEY="$key" java --add-modules=jdk.incubator.vector -jar target/trainyard.jar --server.port=$port \
    --trainyard.node.data-dir="$data" >"$data/node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs "localhost:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do sleep 0.2; done
api() { curl -fs -H "X-API-Key: $key" -H 'Content-Type: application/json' "$@"; }
layers=$(printf '{"type": "dense", "units": 8, "activation": "tanh"},%.0s' 1 2 3 4 5 6 7 8)
job=$(api "localhost:$port/api/v1/jobs" -d "{\"name\": \"bench-diagnostics\",
    \"dataset\": {\"generate\": {\"kind\": \"xor\", \"samples\": 200}}, \"model\": {\"layers\": [${layers%,}]},
    \"training\": {\"epochs\": 1000, \"batch\": {\"mode\": \"full\"}, \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.1}}}" \
    | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
until api "localhost:$port/api/v1/jobs/$job" | grep -q '"phase":"finished"'; do sleep 1; done
points=$(api "localhost:$port/api/v1/jobs/$job/metrics" | python3 -c 'import sys, json; print(sum(m["points"] for m in json.load(sys.stdin)))')
for i in $(seq 5); do api -o /dev/null "localhost:$port/api/v1/jobs/$job/diagnostics"; done
for i in $(seq 21); do api -o /dev/null -w '%{time_total}\n' "localhost:$port/api/v1/jobs/$job/diagnostics"; done \
    | sort -n | awk -v points="$points" '{t[NR] = $1} END {printf "{\"phase\": \"endpoint\", \"epochs\": 1000, \"dense_layers\": 8, \"points\": %d, \"median_ms\": %.1f, \"max_ms\": %.1f}\n", points, 1000 * t[11], 1000 * t[21]}'
