#!/usr/bin/env bash
# Serving benchmark: builds serving, installs wrk (Debian) if missing, starts a local stack and a serving process,
# and prints served throughput / latency at several concurrencies beside the in-process limits.
# Usage: scripts/serving-benchmark.sh [image-size] [seconds-per-point]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  apt-get install -y -q wrk >/dev/null
fi
mvn -B -q install -DskipTests -pl services/serving -am
mvn -B -q -pl services/serving test-compile exec:java -Dexec.mainClass=io.maskflow.serving.ServingBenchmark \
  -Dexec.args="${1:-64} ${2:-10}" 2>&1 | grep -v -E "^[0-9-]+ [0-9:,]+ (INFO|WARN)"
