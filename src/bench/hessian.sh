#!/usr/bin/env bash
# What a Hessian analysis costs: one gradient against one Hessian-vector product, and a whole analysis with the
# defaults (top 5, bottom 5, trace, density), for the digits model and a 100,000-parameter one (HessianBench).
# Usage: src/bench/hessian.sh. Prints the CPU and one JSON line per model.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-hessian
javac -d target/bench-hessian -cp "$classpath" src/bench/java/dev/trainyard/engine/diagnose/HessianBench.java
grep -m1 "model name" /proc/cpuinfo
echo "cores: $(nproc); flags: $(grep -m1 flags /proc/cpuinfo | tr ' ' '\n' | grep -E '^avx512(f|bw|vl)$|^avx2$|^fma$' | tr '\n' ' ')"
java -Xmx4g --add-modules=jdk.incubator.vector -cp "target/bench-hessian:$classpath" \
    dev.trainyard.engine.diagnose.HessianBench 2>/dev/null
