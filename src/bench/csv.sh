#!/usr/bin/env bash
# CSV hardening benchmark: hostile against ordinary uploads, checked as an upload is (read, profile, SHA-256).
# Prints JSON lines: quote runs of 200k/400k/800k characters, nanoseconds per byte of ordinary and worst-case
# shapes (medians of ROUNDS interleaved rounds, default 5, on files of SIZE_MB, default 16) and two gzip bombs.
# The heap is capped (HEAP, default 64m) to show that no input needs more.
# It compiles only CsvBench, against the service's classes: the `bench` profile's engine peers (DL4J, PyTorch)
# are not needed here.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/csv-bench-classpath.txt
classpath="target/classes:$(cat target/csv-bench-classpath.txt)"
mkdir -p target/csv-bench
javac -nowarn -d target/csv-bench -cp "$classpath" src/bench/java/dev/trainyard/dataset/CsvBench.java
lscpu | grep -m1 "Model name" | sed 's/  */ /g' >&2
java -Xmx"${HEAP:-64m}" -cp "target/csv-bench:$classpath" dev.trainyard.dataset.CsvBench "${ROUNDS:-5}" "${SIZE_MB:-16}"
