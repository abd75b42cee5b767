#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark report: installs what is missing, builds a Release tree with the benchmarks, runs every benchmark in
# tests/bench at the sizes of ../shared/DESIGN.md section 4, and prints one Markdown table (measured figure,
# target, the reference measured in the same run, their ratio, target met) with the date, machine and commit.
# Each benchmark prints a "summary: NAME key=value ..." line; this script only reads those lines.
#
# usage: bash tests/bench/report.sh [--quick] [--build-dir DIR]     (default DIR: build-bench)
#   --quick   about a tenth of every size: checks the script in a few minutes; its figures are not the targets'.
# Takes tens of minutes. The table goes to stdout and DIR/bench-report/report.md, progress to stderr, and each
# benchmark's full output to DIR/bench-report/NAME.log.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
quick=0
build="$root/build-bench"
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) quick=1 ;;
    --build-dir) build=$(realpath -m "$2"); shift ;;
    *) echo "usage: bash tests/bench/report.sh [--quick] [--build-dir DIR]" >&2; exit 2 ;;
    esac
    shift
done

# Sizes: DESIGN.md section 4 (iALS: 11M generated interactions sum to about 10M non-zeros; import has no size
# there: 1M events, as before), or about a tenth of them with --quick.
if [ $quick = 1 ]; then
    import_events=100000 ials=(14000 2700 1000000 64 2) score=(100000 1000000 10000 32 3)
    recommend=(100000 1000000 10000 10000 5 3)
    profiles=100000 slider_steps=50 memory_events=1000000
else
    import_events=1000000 ials=(140000 27000 11000000 64 3) score=(1000000 10000000 10000 32 5)
    recommend=(1000000 10000000 10000 100000 5 5)
    profiles=1000000 slider_steps=200 memory_events=10000000
fi

say() { echo "[report $(date +%H:%M:%S)] $*" >&2; }

# Machine and commit, taken before anything runs.
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cores=$(nproc)
ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-Linux}")
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && ! git -C "$root" diff --quiet HEAD 2>/dev/null; then
    commit="$commit with uncommitted changes"
fi

bash "$root/packaging/install-deps.sh" >&2
say "configuring and building $build (Release, benchmarks)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAWB_BENCHMARKS=ON -DBUILD_TESTING=OFF >&2
cmake --build "$build" -j "$cores" --target awb bench_ials bench_score bench_size_picker bench_segment \
    bench_export bench_recommend >&2
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[^=]*=//p' "$build/CMakeCache.txt")
compiler="$("$cxx" --version | grep -q clang && echo Clang || echo GCC) $("$cxx" -dumpfullversion)"

logs="$build/bench-report"
mkdir -p "$logs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench="$build/tests/bench"

# run NAME COMMAND...: the command's output goes to NAME.log; a failing benchmark leaves its row empty.
run() {
    local name=$1 start=$SECONDS
    shift
    say "$name: $* (log: $logs/$name.log)"
    if ! "$@" >"$logs/$name.log" 2>&1; then
        say "$name exited with an error (see its log); its summary is used if it printed one"
    fi
    say "$name: done in $((SECONDS - start)) s"
}
run import bash "$root/tests/bench/import_bench.sh" "$import_events" "$build"
run ials "$bench/bench_ials" "${ials[@]}"
run score "$bench/bench_score" "${score[@]}"
run recommend "$bench/bench_recommend" "${recommend[@]}"
run slider "$bench/bench_size_picker" "$profiles" "$slider_steps"
run segment "$bench/bench_segment" "$profiles" 0
run export "$bench/bench_export" "$profiles" "$work" generic
run memory bash "$root/tests/bench/memory_bench.sh" "$memory_events" "$build"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# All summary lines, prefixed with their log's name, for the table below.
for f in import ials score recommend slider segment export memory; do
    sed -n "s/^summary: /$f /p" "$logs/$f.log"
done >"$work/summaries"

{
    echo "Benchmark report$([ $quick = 1 ] && echo ' (--quick: reduced sizes, not the targets'"'"' sizes)')"
    echo
    echo "- date: $started; commit $commit"
    echo "- machine: $cpu, $cores cores, $ram RAM, $os, $compiler Release build"
    echo "- load average (1, 5, 15 min): $load_start at start, $load_end at end"
    echo
    awk -f "$root/tests/bench/report_table.awk" "$work/summaries"
} | tee "$logs/report.md"
say "table saved to $logs/report.md"
