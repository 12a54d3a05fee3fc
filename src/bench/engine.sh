#!/usr/bin/env bash
# Engine benchmark: W1 (784-256-128-10, Adam, batch 128), W2 (2-16-16-1 tanh, SGD, batch 32) and
# W3 (W2's network, full batch of 4,000) on Trainyard's engine, DL4J's MultiLayerNetwork
# 1.0.0-M2.1 and PyTorch 2.7 through DJL, each in its own JVM one after another, with 1 and 2
# BLAS/OpenMP threads, repeated (REPEATS, default 3) in interleaved rounds so that drift on a busy
# machine hits every engine alike. Prints one JSON document with every measurement, the medians and
# the ratios of the medians.
# Usage: src/bench/engine.sh [engines] [workloads]   e.g. REPEATS=1 src/bench/engine.sh "trainyard pytorch" "W2"
set -euo pipefail
cd "$(dirname "$0")/../.."
engines="${1:-trainyard dl4j pytorch}"
workloads="${2:-W1 W2 W3}"
repeats="${REPEATS:-3}"

./mvnw -q -Pbench -DskipTests test-compile
./mvnw -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
lines=$(mktemp)
for round in $(seq 1 "$repeats"); do
    for workload in $workloads; do
        for threads in 1 2; do
            for engine in $engines; do
                OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads MKL_NUM_THREADS=$threads \
                    java -Xmx6g --add-modules=jdk.incubator.vector -Dai.djl.offline=true -cp "$classpath" \
                    dev.trainyard.bench.EngineBench "$engine" "$workload" "$threads" 2>/dev/null \
                    | tail -n 1 | tee -a "$lines" >&2
            done
        done
    done
done
machine="$(nproc) cores, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1 | tr -d '"')"
java -cp "$classpath" dev.trainyard.bench.BenchReport "$lines" "$machine"
rm -f "$lines"
