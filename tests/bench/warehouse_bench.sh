#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Warehouse benchmark (not a test): generates the sample store with N customers into a workspace and, in Segment's
# layout, into a throw-away PostgreSQL (tests/warehouse/pg_server.sh), then times the same commands on both:
# trait refresh, a template count (lapsed VIPs), a count with an event condition and a recommendation audience. Prints seconds per step, the
# ratio warehouse / local, and the sizes.
#
# usage: bash tests/bench/warehouse_bench.sh [PROFILES] [BUILD_DIR]     (defaults: 20000, build-release)
#        RUNS=1 for large stores (default 3 runs per step, the median reported).
#        WORKSPACE=ws.awb URI=postgresql:///... times an existing store instead (written by awb generate --out
#        ws.awb --warehouse URI --profiles PROFILES --seed 7); its catalog is built and its audience "bench"
#        replaced. STREAMED_ONLY=N (large stores) leaves out the audiences scored with everything in memory and
#        times only the warehouse's, trained on a sample of about N interactions and scored in parts.
# The local traits command also fits the predictive models, which warehouse mode does not compute yet.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
profiles="${1:-20000}"
build="${2:-$root/build-release}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# An existing build tree is used as it is configured (e.g. build/ of the test command).
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" --target awb | tail -n 1
awb="$build/app/awb"
if [ -n "${WORKSPACE:-}" ] && [ -n "${URI:-}" ]; then
    ws="$WORKSPACE"
    uri="$URI"
    echo "timing the existing store $ws and its warehouse"
else
    pgdir=$(mktemp -d /tmp/awb-pgbench.XXXXXX)
    trap 'bash "$root/tests/warehouse/pg_server.sh" stop "$pgdir"; rm -rf "$work"' EXIT
    bash "$root/tests/warehouse/pg_server.sh" start "$pgdir"
    uri="postgresql:///postgres?host=$pgdir&user=postgres&options=-csearch_path%3Dshop"
    ws="$work/ws.awb"
    echo "generating $profiles customers into a workspace and into PostgreSQL..."
    "$awb" generate --out "$ws" --warehouse "$uri" --profiles "$profiles" --seed 7
fi

cat >"$work/viewed.json" <<'JSON'
{"version":1,"rule":{"type":"all","conditions":[
 {"type":"event","event":"Product Viewed","count":"at_least","times":3,"withinLastDays":30,
  "where":[{"property":"category","op":"is","value":"Beauty"}]},
 {"type":"event","event":"Order Completed","count":"never","withinLastDays":30}]}}
JSON

# Whole-process wall time of one command (the median of 3 runs) and its last output line.
seconds() {
    local best=()
    for _ in $(seq "${RUNS:-3}"); do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >"$work/out.txt"
        t1=$(date +%s.%N)
        best+=("$(echo "$t1 - $t0" | bc)")
    done
    printf '%s\n' "${best[@]}" | sort -n | sed -n "$(((${#best[@]} + 1) / 2))p"
}

printf '\n%-40s %10s %10s %8s\n' "step" "local s" "warehouse s" "ratio"
row() {
    local name="$1" l w
    shift
    l=$(seconds "$awb" "$@" "$ws" "${rest[@]}")
    local_out=$(tail -n 1 "$work/out.txt")
    w=$(seconds "$awb" "$@" "$uri" "${rest[@]}")
    remote_out=$(tail -n 1 "$work/out.txt")
    printf '%-40s %10.2f %10.2f %8.2f\n' "$name" "$l" "$w" "$(echo "$w / $l" | bc -l)"
    echo "    local:     $local_out"
    echo "    warehouse: $remote_out"
}
rest=()
row "traits (refresh)" traits
rest=(--template lapsed-vips --param spend=500)
row "segment count: lapsed VIPs" segment count
rest=(--rule "$work/viewed.json")
row "segment count: event conditions" segment count
# Audiences: the same catalog on both sides; the warehouse pulls the interactions and scores them with the
# same model (the local workspace reads its built catalog).
catalog=(--event "Order Completed=3" --event "Product Added=2" --event "Product Viewed=1" --column Category=category)
"$awb" catalog "$uri" "${catalog[@]}" >/dev/null
rest=(--name bench --target Category=Beauty --size 5% --control-seed 1)
peak() {
    /usr/bin/time -f "%M" -o "$work/rss.txt" "$@" >"$work/out.txt"
    cat "$work/rss.txt"
}
if [ -n "${STREAMED_ONLY:-}" ]; then
    # Large stores: only the warehouse audience trained on a sample of about STREAMED_ONLY interactions and
    # scored in parts, whose memory follows that budget, not the number of people.
    t0=$(date +%s.%N)
    echo
    echo "peak memory of audience create in the warehouse, sample and parts (--memory $STREAMED_ONLY): $(peak \
        "$awb" audience create "$uri" "${rest[@]}" --memory "$STREAMED_ONLY") KiB"
    echo "    (that run: $(echo "$(date +%s.%N) - $t0" | bc) s; $(tail -n 1 "$work/out.txt"))"
    echo
    echo "summary: warehouse profiles=$profiles events=$(sqlite3 "$ws" "SELECT count(*) FROM events")"
    exit 0
fi
"$awb" catalog "$ws" "${catalog[@]}" --build >/dev/null
# A workspace audience's name is taken once created: each local run removes it first (a few milliseconds).
l=$(seconds bash -c '"$0" audience remove "$1" --name bench >/dev/null 2>&1; "$0" audience create "$1" "${@:2}"' \
    "$awb" "$ws" "${rest[@]}")
local_out=$(grep '^audience' "$work/out.txt" | tail -n 1)
w=$(seconds "$awb" audience create "$uri" "${rest[@]}")
remote_out=$(tail -n 1 "$work/out.txt")
printf '%-40s %10.2f %10.2f %8.2f\n' "audience create (score, store members)" "$l" "$w" "$(echo "$w / $l" | bc -l)"
echo "    local:     $local_out"
echo "    warehouse: $remote_out"
# Peak memory (maximum resident set, KiB) of the same audience: on the workspace file, in the warehouse with
# everything in memory, and in the warehouse trained on a sample of a tenth of the interactions and scored in
# parts.
interactions=$(sqlite3 "$ws" "SELECT count(*) FROM catalog_interactions")
"$awb" audience remove "$ws" --name bench >/dev/null
echo
echo "peak memory of audience create (KiB):"
echo "    workspace file:               $(peak "$awb" audience create "$ws" "${rest[@]}")"
echo "    warehouse, all in memory:     $(peak "$awb" audience create "$uri" "${rest[@]}")"
t0=$(date +%s.%N)
echo "    warehouse, sample and parts:  $(peak "$awb" audience create "$uri" "${rest[@]}" --memory $((interactions / 10 + 1000)))"
echo "    (that run: $(echo "$(date +%s.%N) - $t0" | bc) s; $(tail -n 1 "$work/out.txt"))"
events=$(sqlite3 "$ws" "SELECT count(*) FROM events")
echo
echo "summary: warehouse profiles=$profiles events=$events catalog interactions=$interactions"
