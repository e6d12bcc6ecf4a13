#!/usr/bin/env bash
# What the C allocator's settings cost training: runs FittingBenchmark (one compact CNN trained pass after pass on
# learnable images) in fresh JVMs under each GLIBC_TUNABLES setting below, alternating, and prints for each the
# median [lowest - highest] of the wall time, the mean images/s of a pass, the minor page faults and the kernel CPU
# seconds. Usage: scripts/trainer-malloc-benchmark.sh [rounds (3)] [passes (8)]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
PASSES=${2:-8}
# The setting before (freed memory kept, but each thread's own arena) and the trainer's now (one arena).
SETTINGS=(
  "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824"
  "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.arena_max=1"
)
mvn -B -q test-compile -pl services/trainer -am dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/benchmark-classpath.txt
CP="services/trainer/target/test-classes:services/trainer/target/classes:$(cat services/trainer/target/benchmark-classpath.txt)"
OUT=$(mktemp -d)
for ((round = 1; round <= ROUNDS; round++)); do
  for i in "${!SETTINGS[@]}"; do
    start=$EPOCHREALTIME
    GLIBC_TUNABLES="${SETTINGS[$i]}" java -Xmx2g -cp "$CP" io.maskflow.trainer.FittingBenchmark "$PASSES" \
      2>/dev/null >"$OUT/run"
    wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')
    rates=$(sed -n 's/^passes images\/s://p' "$OUT/run")
    mean=$(echo "$rates" | awk '{s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.1f", s / NF}')
    faults=$(sed -n 's/^minor faults: //p' "$OUT/run")
    kernel=$(sed -n 's/^kernel CPU s: //p' "$OUT/run")
    printf 'round %d  setting %d  %6.1f s  passes:%s\n' "$round" "$i" "$wall" "$rates"
    echo "$wall $mean $faults $kernel" >>"$OUT/setting-$i"
  done
done
spread() { # [printf format]: "median [lowest - highest]" of the numbers on stdin
  sort -g | awk -v f="${1:-%.1f}" '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf f " [" f " - " f "]", m, v[1], v[NR]}'
}
echo
printf '%-3s %-22s %-26s %-32s %-20s %s\n' "" "wall s" "mean images/s of a pass" "minor faults" "kernel CPU s" "GLIBC_TUNABLES"
for i in "${!SETTINGS[@]}"; do
  f="$OUT/setting-$i"
  printf '%-3s %-22s %-26s %-32s %-20s %s\n' "$i" "$(cut -d' ' -f1 "$f" | spread)" "$(cut -d' ' -f2 "$f" | spread)" \
    "$(cut -d' ' -f3 "$f" | spread %.0f)" "$(cut -d' ' -f4 "$f" | spread)" "${SETTINGS[$i]}"
done
rm -rf "$OUT"
