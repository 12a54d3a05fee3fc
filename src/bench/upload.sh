#!/usr/bin/env bash
# Upload parsing benchmark: a generated CSV of SIZE_MB (default 50) checked and profiled three times
# in a JVM limited to 32 MB of heap, printing MB/s and the peak heap of each run.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -Pbench -DskipTests test-compile
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/upload-classpath.txt
java -Xmx32m -cp "target/test-classes:target/classes:$(cat target/upload-classpath.txt)" \
    dev.trainyard.dataset.UploadBench "${SIZE_MB:-50}"
