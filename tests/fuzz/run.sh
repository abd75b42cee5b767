#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer programs into build-fuzz (clang, ASan + UBSan) and runs each for SECONDS (default 60),
# then prints the executions run and the crashes found per target.
#   bash tests/fuzz/run.sh [SECONDS] [TARGET...]     TARGET: jsonl, csv, rule (default: all three)
# tests/fuzz/<target>.dict lists tokens (keys, names, edge values) for the mutator.
# Inputs that grow coverage go to build-fuzz/fuzz-corpus/<target>/, crashes to build-fuzz/fuzz-crashes/<target>/.
# A crash found is fixed, minimised (fuzz_<target> -minimize_crash=1 -runs=10000 FILE) and added to
# tests/fuzz/corpus/<target>/, whose files tst_FuzzReplay replays in the normal test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(jsonl csv rule); fi

# The project's build dependencies, and clang with its fuzzer and sanitizer runtimes.
bash packaging/install-deps.sh clang libclang-rt-14-dev

build=build-fuzz
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DAWB_FUZZ=ON \
    "${launcher[@]}" >/dev/null
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
total_crashes=0
summary=()
for t in "${targets[@]}"; do
    work="$build/fuzz-corpus/$t"
    crashes="$build/fuzz-crashes/$t"
    log="$build/fuzz-$t.log"
    mkdir -p "$work" "$crashes"
    before=$(find "$crashes" -type f | wc -l)
    echo "fuzz: $t for ${seconds}s (log: $log)"
    dict=()
    if [ -f "tests/fuzz/$t.dict" ]; then dict=(-dict="tests/fuzz/$t.dict"); fi
    # Fork mode keeps fuzzing after a crash (each crash is saved) until the time is up.
    "$build/tests/fuzz/fuzz_$t" "${dict[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1 || true
    # The last status line: "#<execs>: cov: ... corp: ... exec/s: ... oom/timeout/crash: a/b/c time: ..."
    status=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
    execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$status")
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$status")
    found=$(( $(find "$crashes" -type f | wc -l) - before ))
    total_crashes=$((total_crashes + found))
    summary+=("$(printf '%-6s %12s executions  coverage %6s  crashes %d' "$t" "${execs:-?}" "${cov:-?}" "$found")")
done
# The rule target's scratch workspaces of fuzzing processes that crashed (the others remove theirs).
rm -f "${TMPDIR:-/tmp}"/awb-fuzz-rule-*.awb*
echo
printf '%s\n' "${summary[@]}"
if [ "$total_crashes" -gt 0 ]; then
    echo "fuzz: $total_crashes crash(es); reproducers in $build/fuzz-crashes/"
    exit 1
fi
