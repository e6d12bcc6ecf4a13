#!/usr/bin/env bash
# Serving benchmark: builds serving, installs wrk (Debian) if missing, starts a local stack and a serving process,
# and prints served throughput / latency, closed loop at several concurrencies and open loop at 50 / 80 / 95 % of
# the closed loop's peak, beside the in-process limits; every figure the median and spread of several rounds.
# Usage: scripts/serving-benchmark.sh [image-size] [seconds-per-round] [rounds] [limit-a]
# (limit-a: limit (a) in images/s from an earlier run; skips measuring the limits when only serving changed)
# SERVING_PROPERTIES=key=value,key=value starts serving with those settings beside its defaults.
# SERVING_JVM_OPTIONS="-XX:+UseSerialGC ..." starts serving's JVM with those options.
# MASKFLOW_GLIBC_TUNABLES=... runs serving and the in-process limits under that glibc setting instead of the services' own.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  apt-get install -y -q wrk >/dev/null
fi
# Built in the reactor (nothing is installed into ~/.m2); the classpath lists the reactor's own jars.
mvn -B -q package -DskipTests -pl services/serving -am dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/benchmark-classpath.txt
# The in-process limits run in this JVM: give it the native-memory setting the services run with (run-local.sh,
# ServiceProcess, the images), else PyTorch's activations of a batch of 16 or more go back to the kernel at every
# forward pass and the limits measure page faults (docs/serving.md, "Benchmark").
# MASKFLOW_GLIBC_TUNABLES measures serving and the limits under another setting.
TUNABLES="${MASKFLOW_GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824}"
export GLIBC_TUNABLES="$TUNABLES"
java -Dserving.properties="${SERVING_PROPERTIES:-}" -Dmaskflow.service-jvm-options="${SERVING_JVM_OPTIONS:-}" -Dmaskflow.glibc-tunables="$TUNABLES" -cp "services/serving/target/test-classes:services/serving/target/classes:$(cat services/serving/target/benchmark-classpath.txt)" \
  io.maskflow.serving.ServingBenchmark "${1:-64}" "${2:-3}" "${3:-5}" ${4:+"$4"} 2>&1 \
  | {
    # PyTorch 2.7 logs this warning again and again on this CPU (docs/serving.md): counted, not shown
    nnpack=0
    while IFS= read -r line; do
      if [[ $line == *"Could not initialize NNPACK"* ]]; then
        nnpack=$((nnpack + 1))
      elif [[ ! $line =~ ^[0-9-]+\ [0-9:,]+\ (INFO|WARN) ]]; then
        printf '%s\n' "$line"
      fi
    done
    if ((nnpack > 0)); then
      echo "(PyTorch logged \"Could not initialize NNPACK! Reason: Unsupported hardware.\" $nnpack times; not shown)"
    fi
  }
