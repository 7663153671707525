#!/usr/bin/env bash
# How steady each processor of this machine is: one copy of bench.ProcessorNoise pinned to each
# processor, all at once, each running a workload of examples/.../bench/Workload.java in slices of
# 0.5 s. Prints the rate of every processor per slice, then per processor its median and slowest
# slice, and the slices in which the slowest processor ran 10% or more below the fastest.
#   scripts/processor-noise.sh [seconds, default 60] [workload, default gemm-256]
set -euo pipefail

seconds="${1:-60}"
workload="${2:-gemm-256}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -o test-compile >/dev/null || mvn -B -q test-compile >&2
cp_file="$(mktemp)"
out="$(mktemp -d)"
trap 'rm -rf "$cp_file" "$out"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null \
  || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
processors="$(nproc --all)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  (${processors} processors, $(date -u +%FT%TZ)), $workload"
for ((p = 0; p < processors; p++)); do
  taskset -c "$p" java --add-modules=jdk.incubator.vector -Dpurenet.threads=1 -XX:+UseParallelGC \
    -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
    purenet.examples.bench.ProcessorNoise "$seconds" "$workload" >"$out/$p" 2> >(grep -v "incubator" >&2) &
done
wait
files=()
for ((p = 0; p < processors; p++)); do files+=("$out/$p"); done
paste "${files[@]}" | awk -v n="$processors" '
  BEGIN { uneven = 0; printf "%8s", "seconds"; for (p = 0; p < n; p++) printf " %12s", "processor " p; print "" }
  {
    printf "%8s", $1; lo = $2; hi = $2
    for (p = 0; p < n; p++) { r = $(2 * p + 2); printf " %12.1f", r; rate[p, NR] = r; if (r < lo) lo = r; if (r > hi) hi = r }
    print ""
    if (lo <= 0.9 * hi) uneven++
    rows = NR
  }
  END {
    for (p = 0; p < n; p++) {
      for (i = 1; i <= rows; i++) {
        x = rate[p, i]; j = i - 1
        while (j > 0 && v[j] > x) { v[j + 1] = v[j]; j-- }
        v[j + 1] = x
      }
      printf "processor %d: median %.1f, slowest slice %.1f\n", p, v[int((rows + 1) / 2)], v[1]
    }
    printf "slices with the slowest processor 10%% or more below the fastest: %d of %d\n", uneven, rows
  }'
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
