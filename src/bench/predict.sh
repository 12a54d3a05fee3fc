#!/usr/bin/env bash
# Prediction benchmark: a node started from the jar (H2, default settings), driven over HTTP by
# dev.trainyard.model.PredictBench: one-row latency from 8 concurrent clients (p50, p99), a 100,000-row CSV through
# the endpoint (rows/s and the node's peak heap), and the engine's Predictor vs ONNX Runtime on the exported model.
# The latency phase runs wrk (Debian's package, installed here when missing) as well as the JVM client.
# Usage: src/bench/predict.sh [ROUNDS]   (default 5). Prints the CPU and one JSON line per phase.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
port=18082
key="ty_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
data="$(mktemp -d)"

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; } >/dev/null
./mvnw -q -DskipTests package
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-predict   # compiled on its own: it needs the test classpath (ONNX Runtime), not the bench peers
javac -d target/bench-predict -cp "$classpath" src/bench/java/dev/trainyard/model/PredictBench.java
classpath="target/bench-predict:$classpath"

grep -m1 "model name" /proc/cpuinfo
echo "cores: $(nproc); flags: $(grep -m1 flags /proc/cpuinfo | tr ' ' '\n' | grep -E '^avx512(f|bw|vl)$|^avx2$|^fma$' | tr '\n' ' ')"
TRAINYARD_BOOTSTRAP_KEY="$key" java --add-modules=jdk.incubator.vector -jar target/trainyard.jar --server.port=$port \
    --trainyard.node.data-dir="$data" >"$data/node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs "localhost:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do sleep 0.2; done
java --add-modules=jdk.incubator.vector -cp "$classpath" dev.trainyard.model.PredictBench "http://localhost:$port" \
    "$key" "$rounds"
