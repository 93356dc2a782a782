#!/usr/bin/env bash
# TraceRecorder.record next to an OpenTelemetry SDK span (no-op exporter), on one thread and on
# two, in one JMH run. Prints us/op (average time per call; x1000 for ns) and ops/us (millions of
# calls per second, all threads together).
# Usage: bench/recorder/run.sh [JMH options]   e.g. -wi 3 -i 5 -f 1
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests -pl bench/recorder -am package
module=bench/recorder/target
java -cp "$module/classes:$(cat $module/classpath.txt)" org.openjdk.jmh.Main RecordBenchmark \
  -f 1 -wi 3 -w 2s -i 5 -r 2s "$@"
