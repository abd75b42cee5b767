#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Memory benchmark (not a test): generates a sample workspace of about N events with its recommendation catalog,
# then rebuilds the catalog (`awb catalog --build`) and trains and scores one target for every profile
# (`awb score`), each step a process of its own whose peak RSS GNU time reports (target: within 2 GB at 10M
# events). Reference, same run: the size of the workspace file the steps read.
#
# usage: tests/bench/memory_bench.sh [EVENTS] [BUILD_DIR]     (defaults: 10000000, build-release)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
events="${1:-10000000}"
build="${2:-$root/build-release}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target awb | tail -n 3
awb="$build/app/awb"

# Whole-process wall time and peak RSS of one command, from GNU time.
measure() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt"; cat "$work/time.txt"; }

echo "generating a sample workspace of about $events events with its catalog..."
read -r gen_s gen_kb < <(measure "$awb" generate --out "$work/ws.awb" --events "$events" --with-catalog)
cat "$work/out.txt"
read -r generated profiles < <(sed -n 's/^Generated \([0-9]*\) profiles, \([0-9]*\) events.*/\2 \1/p' "$work/out.txt")
ws_bytes=$(stat -c %s "$work/ws.awb")

sync
read -r cat_s cat_kb < <(measure "$awb" catalog "$work/ws.awb" --build)
read -r score_s score_kb < <(measure "$awb" score "$work/ws.awb" --target Category=Beauty --out "$work/scores.csv")
scored=$(($(wc -l <"$work/scores.csv") - 1))

awk -v e="$generated" -v p="$profiles" -v gs="$gen_s" -v gkb="$gen_kb" -v cs="$cat_s" -v ckb="$cat_kb" \
    -v ss="$score_s" -v skb="$score_kb" -v n="$scored" -v wb="$ws_bytes" 'BEGIN {
    printf "\n%-52s %10s %10s\n", "step", "seconds", "peak MiB";
    printf "%-52s %10.2f %10.1f\n", "awb generate --with-catalog (not part of the target)", gs, gkb / 1024;
    printf "%-52s %10.2f %10.1f\n", "awb catalog --build", cs, ckb / 1024;
    printf "%-52s %10.2f %10.1f\n", "awb score (train and score one target)", ss, skb / 1024;
    peak = (ckb > skb ? ckb : skb) / 1024;
    printf "\n%d events, %d profiles, %d scored; workspace file %.0f MiB\n", e, p, n, wb / 1048576;
    printf "peak RSS of catalog build and scoring: %.0f MiB (target <= 2 GB = %.0f MiB)\n", peak, 2e9 / 1048576;
    printf "summary: memory events=%d profiles=%d scored=%d peak_mib=%.0f catalog_peak_mib=%.0f score_peak_mib=%.0f catalog_s=%.2f score_s=%.2f workspace_mib=%.0f ratio=%.3f\n",
        e, p, n, peak, ckb / 1024, skb / 1024, cs, ss, wb / 1048576, peak / (wb / 1048576);
}'
