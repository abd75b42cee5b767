#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Import benchmark (not a test): generates N events as Segment JSON lines, imports them with `awb import`,
# prints events/s and peak memory, then loads the same event rows as CSV with `sqlite3 .import` into an
# equivalent events table (same columns and indexes, same pragmas, the de-duplication keys written sorted into
# their own table afterwards, as awb does) and prints the ratio of the two times.
# Then stores the same events as column chunks (bench_storage) and prints bytes per event of both layouts.
#
# usage: tests/bench/import_bench.sh [EVENTS] [BUILD_DIR]     (defaults: 1000000, build-release)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
events="${1:-1000000}"
build="${2:-$root/build-release}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DAWB_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target awb bench_storage | tail -n 3
awb="$build/app/awb"

echo "generating about $events events as JSON lines..."
"$awb" generate --jsonl "$work/events.jsonl" --events "$events" --seed 7 >/dev/null
lines=$(wc -l <"$work/events.jsonl")
size=$(du -m "$work/events.jsonl" | cut -f1)
echo "  $lines lines, $size MiB"

# Whole-process wall time and peak RSS of one command, from GNU time.
measure() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt"; cat "$work/time.txt"; }

sync
read -r awb_s awb_kb < <(measure "$awb" import "$work/ws.awb" "$work/events.jsonl")
imported=$(grep '^imported:' "$work/out.txt" | awk '{print $2}')
# The workspace on disk after awb closed it (its WAL, if any, included).
ws_bytes=$(cat "$work"/ws.awb* | wc -c)

# The same event rows, as CSV, into an equivalent table with the same indexes and pragmas.
sqlite3 -csv "$work/ws.awb" "SELECT id, dedup_key, type, name_id, ts, profile_id, user_id, anonymous_id, message_id,
    properties, context, run_id FROM events" >"$work/events.csv"
cat >"$work/load.sql" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -65536;
CREATE TABLE events (id INTEGER PRIMARY KEY, dedup_key INTEGER NOT NULL, type INTEGER NOT NULL,
    name_id INTEGER NOT NULL, ts INTEGER NOT NULL, profile_id INTEGER NOT NULL, user_id TEXT, anonymous_id TEXT,
    message_id TEXT, properties TEXT NOT NULL DEFAULT '{}', context TEXT, run_id INTEGER);
CREATE INDEX events_profile_ts ON events(profile_id, ts);
CREATE INDEX events_name_ts ON events(name_id, ts);
CREATE INDEX events_ts ON events(ts);
CREATE TABLE event_keys (key INTEGER PRIMARY KEY);
.import --csv $work/events.csv events
INSERT INTO event_keys SELECT dedup_key FROM events ORDER BY dedup_key;
SQL
sync
read -r sql_s sql_kb < <(measure sqlite3 "$work/ref.db" ".read $work/load.sql")
ref_rows=$(sqlite3 "$work/ref.db" "SELECT count(*) FROM events")

echo
echo "the same events as column chunks (bench_storage):"
"$build/tests/bench/bench_storage" "$work/events.jsonl" | tee "$work/storage.txt" | grep -v '^summary:'
chunk_bpe=$(sed -n 's/^summary: storage zstd=3 .*bytes_per_event=\([0-9.]*\).*/\1/p' "$work/storage.txt")

awk -v n="$imported" -v a="$awb_s" -v akb="$awb_kb" -v s="$sql_s" -v skb="$sql_kb" -v r="$ref_rows" \
    -v wb="$ws_bytes" -v cb="$chunk_bpe" 'BEGIN {
    printf "\n%-44s %10s %12s %10s\n", "step", "seconds", "events/s", "peak MiB";
    printf "%-44s %10.2f %12.0f %10.1f\n", "awb import (JSON lines -> workspace)", a, n / a, akb / 1024;
    printf "%-44s %10.2f %12.0f %10.1f\n", "sqlite3 .import (same rows as CSV)", s, r / s, skb / 1024;
    printf "\nevents imported: %d (reference rows %d)\nratio awb / sqlite3: %.2f (target <= 1.5); events/s target >= 500000\n",
        n, r, a / s;
    printf "workspace: %.1f bytes per event; as column chunks (zstd 3): %.1f bytes per event (%.1f x smaller; target <= 100)\n",
        wb / n, cb, (wb / n) / cb;
    printf "summary: import events=%d seconds=%.2f events_per_s=%.0f peak_mib=%.0f reference_rows=%d reference_seconds=%.2f reference_rows_per_s=%.0f ratio=%.3f bytes_per_event=%.1f chunk_bytes_per_event=%.1f\n",
        n, a, n / a, akb / 1024, r, s, r / s, a / s, wb / n, cb;
}'
