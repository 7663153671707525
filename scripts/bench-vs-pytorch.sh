#!/usr/bin/env bash
# purenet against PyTorch float64 on the workloads of issue #13, alternating between the two in one
# run (see examples/java/purenet/examples/bench/VsPyTorch.java), at the given thread count:
#
#   scripts/bench-vs-pytorch.sh [threads, default 1] [seconds per round, 1.5] [rounds, 5] [workload ...]
#
# Installs nothing. PyTorch is used when `$PYTHON -c "import torch"` works (PYTHON defaults to
# /usr/bin/python3; on Debian: apt-get install python3-torch libopenblas0-pthread); otherwise only
# purenet's columns are printed. PyTorch runs with OPENBLAS_CORETYPE=SkylakeX (override by setting
# it) and torch.set_num_threads(threads), and above one thread also at every smaller thread count, a
# row comparing against PyTorch's fastest setting; purenet with -Dpurenet.threads=threads and the
# Vector API, in a fresh JVM per workload. Below all processors, both are pinned to the same ones
# (taskset, when present). Each workload warms up until purenet's throughput settles
# (6-15 s of JIT compilation).
# PyTorch's allocator is tuned for its warm speed (see MALLOC_MMAP_THRESHOLD_ below).
# Prints the load average before and after: on a shared machine, absolute numbers move with the load.
set -euo pipefail

threads="${1:-1}"
seconds="${2:-1.5}"
rounds="${3:-5}"
shift $(( $# < 3 ? $# : 3 ))
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-/usr/bin/python3}"
processors="$(nproc --all)"
# Always SkylakeX (Debian's OpenBLAS misdetects this CPU), even when the environment already sets
# OPENBLAS_CORETYPE (this machine's presets Haswell, which the script used to keep: PyTorch then ran
# an AVX2 kernel at about 60% of its speed). TORCH_OPENBLAS_CORETYPE overrides it deliberately.
export OPENBLAS_CORETYPE="${TORCH_OPENBLAS_CORETYPE:-SkylakeX}"
export OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
# PyTorch at its best: glibc's malloc gives buffers above its mmap threshold back to the operating
# system when they are freed, and a training step then page-faults them in again, every step. The
# threshold only rises after a larger buffer has been freed, so PyTorch's speed depended on what the
# process had run before (MLP training: 20,000 images/s fresh, 50,000 after a LeNet had run). With
# the thresholds raised from the start, every workload runs at its warm speed whatever the order.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-67108864}"

mvn -B -q -o test-compile >/dev/null || mvn -B -q test-compile >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null \
  || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
classpath="target/test-classes:target/classes:$(cat "$cp_file")"

if "$python" -c "import torch" >/dev/null 2>&1; then
  torch_cmd="$python $root/scripts/bench_torch.py $threads"
  # Above one thread PyTorch also runs at one thread and each row compares against its faster
  # setting: on two cores its OpenMP and OpenBLAS threads contend, and it is often slower at two.
  for ((t = 1; t < threads; t++)); do
    torch_cmd="$torch_cmd|env OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t $python $root/scripts/bench_torch.py $t"
  done
else
  echo "PyTorch not found with $python: purenet only" >&2
  torch_cmd="none"
fi

# Below all processors, both run on the same ones (0 .. threads-1): this virtual machine's processors
# slow down one at a time, by up to a fifth for tens of seconds (host contention), and a process keeps
# to the processor it ran on, so unpinned, one side's rounds could all fall on the slow one.
pin=()
if (( threads < processors )) && command -v taskset >/dev/null; then
  pin=(taskset -c "0-$((threads - 1))")
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  (${processors} processors, $(date -u +%FT%TZ))"
echo "processors: ${pin[*]:-all, unpinned}"
echo "PyTorch environment: OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_=$MALLOC_TRIM_THRESHOLD_"
# One JVM per workload (as JMH forks one per benchmark): the JIT's profiles are shared by all the code
# a JVM runs, and on JDK 17 the Vector API kernels of one workload can push C2 past its per-method
# trap limit in another's (README, "Speed"), so that a row would depend on the rows before it.
# The heap fixed at 4 GB and touched at start-up, as PyTorch's allocator keeps its buffers (above):
# on this virtual machine a page's first touch is slow, and a 1024² product ran at 20 products/s
# instead of 40 for seconds at a time while a growing heap was being touched for the first time.
java_cmd=("${pin[@]}" java --add-modules=jdk.incubator.vector -Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:+UseParallelGC
  -Dpurenet.threads="$threads" -cp "$classpath")
if (( $# == 0 )); then
  mapfile -t workloads < <("${java_cmd[@]}" purenet.examples.bench.VsPyTorch --list 2> >(grep -v "incubator" >&2))
else
  workloads=("$@")
fi
header=()
for workload in "${workloads[@]}"; do
  "${java_cmd[@]}" purenet.examples.bench.VsPyTorch "${header[@]}" "$seconds" "$rounds" "$torch_cmd" "$workload" \
    2> >(grep -v "incubator" >&2)
  header=(--no-header)
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
