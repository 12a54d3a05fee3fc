#!/usr/bin/env bash
# Inference speed: the engine's Predictor against ONNX Runtime on the same exported model (OnnxBench), 100,000 rows of
# a 64-64-32-10 MLP, median of interleaved rounds (ROUNDS, default 7), printed as rows per second.
# OnnxBench is compiled on its own, so it does not wait on the other bench sources.
# Usage: src/bench/onnx.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests test-compile
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-onnx
javac -d target/bench-onnx -cp "$classpath" src/bench/java/dev/trainyard/model/OnnxBench.java
java -Xmx4g --add-modules=jdk.incubator.vector -cp "target/bench-onnx:$classpath" dev.trainyard.model.OnnxBench \
    "${ROUNDS:-7}" 2>/dev/null
