#!/usr/bin/env bash
# Compares builds of purenet (git worktrees, e.g. before and after a change) on one workload of
# examples/.../bench/Workload.java, in one JVM, alternating round by round (bench.Builds): on a
# noisy machine the ratio between builds holds to a few percent where runs differ by ±20%.
#   scripts/bench-builds.sh [threads] workload rounds seconds tree1 tree2 ...
# The harness runs from this tree; each build's purenet classes, workloads included, come from its
# own tree, compiled (mvn test-compile) if needed. Example, before and after a commit:
#   git worktree add --detach /tmp/before HEAD~1
#   scripts/bench-builds.sh 1 mlp-train 30 0.5 /tmp/before .
set -euo pipefail

threads="${1:-1}"
workload="$2"
rounds="$3"
seconds="$4"
shift 4
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
builds=()
for tree in "$@"; do
  tree="$(cd "$tree" && pwd)"
  (cd "$tree" && { mvn -B -q -o test-compile >/dev/null || mvn -B -q test-compile >&2; })
  builds+=("$tree/target/classes:$tree/target/test-classes")
done
cd "$root"
mvn -B -q -o test-compile >/dev/null || mvn -B -q test-compile >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null \
  || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u +%FT%TZ))"
# Two builds are two copies of every Vector API kernel in one JVM: without a higher trap limit,
# JDK 17's C2 boxes their vectors (README, "Speed"; the MLP step ran at half its speed).
java --add-modules=jdk.incubator.vector -Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:+UseParallelGC -XX:PerMethodTrapLimit=10000 \
  -Dpurenet.threads="$threads" -cp "$root/target/classes:$root/target/test-classes:$(cat "$cp_file")" \
  purenet.examples.bench.Builds \
  "$workload" "$rounds" "$seconds" "${builds[@]}" 2> >(grep -v "incubator" >&2)
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
