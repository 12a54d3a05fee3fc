#!/usr/bin/env bash
# This machine's sgemm ceiling (GFLOP/s) through ND4J's OpenBLAS, 1 and 2 threads, with the CPU it ran on.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -Pbench -DskipTests test-compile
./mvnw -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
lscpu | grep -E '^Model name|^CPU family|^Model:'
grep -o -w -E 'avx2|fma|avx512f|avx512vl|avx512_vnni|avx512_bf16' /proc/cpuinfo | sort -u | tr '\n' ' '; echo
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.trainyard.bench.SgemmCeiling \
    2>/dev/null | grep GFLOP
