#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Index upkeep benchmark (not a test; issue 18): why `awb import` slows down as a workspace grows. Inserts 10
# batches of 1M rows shaped like the events table (random 64-bit dedup keys, profile ids from 300k, increasing time,
# a 125-byte property text; the workspace's 64 MiB page cache) with sqlite3, and prints seconds per batch: with
# the workspace's four event indexes (all), without the random-key dedup index (nodedup), without the profile
# index (noprofile), and with none.
# usage: for v in all nodedup noprofile none; do bash tests/bench/index_upkeep_bench.sh $v; done
set -euo pipefail
variant="${1:-all}"   # all | nodedup | noprofile | none
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/$variant.db"
rm -f "$db"*
indexes="CREATE UNIQUE INDEX events_dedup ON events(dedup_key);
CREATE INDEX events_profile_ts ON events(profile_id, ts);
CREATE INDEX events_name_ts ON events(name_id, ts);
CREATE INDEX events_ts ON events(ts);"
case "$variant" in
all) ;;
nodedup) indexes=$(echo "$indexes" | grep -v events_dedup) ;;
noprofile) indexes=$(echo "$indexes" | grep -v events_profile_ts) ;;
none) indexes="" ;;
esac
sqlite3 "$db" "PRAGMA journal_mode=WAL; CREATE TABLE events (id INTEGER PRIMARY KEY, dedup_key INTEGER NOT NULL, name_id INTEGER NOT NULL, ts INTEGER NOT NULL, profile_id INTEGER NOT NULL, properties TEXT NOT NULL); $indexes" >/dev/null
for b in $(seq 0 9); do
  t0=$(date +%s.%N)
  sqlite3 "$db" "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; BEGIN; INSERT INTO events (dedup_key, name_id, ts, profile_id, properties) SELECT random(), abs(random()) % 12, $b * 1000000 + value, abs(random()) % 300000, printf('{\"product_id\":\"p-%d\",\"price\":%d.99,\"category\":\"Beauty\",\"brand\":\"Nordlicht\",\"name\":\"Product %d\",\"currency\":\"EUR\",\"quantity\":1}', value % 5000, value % 200, value % 5000) FROM generate_series(1, 1000000); COMMIT;"
  t1=$(date +%s.%N)
  printf '%s batch %d: %.2f s\n' "$variant" "$((b + 1))" "$(echo "$t1 - $t0" | bc)"
done
du -m "$db" | cut -f1 | sed "s/^/$variant MiB: /"
rm -f "$db"*
