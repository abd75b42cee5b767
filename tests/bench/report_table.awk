# SPDX-License-Identifier: GPL-3.0-or-later
# Turns the benchmarks' summary lines, as report.sh collects them ("LOG NAME key=value ..."), into its table.
{
    name = $2
    seen[name] = 1
    for (i = 3; i <= NF; ++i) {
        eq = index($i, "=")
        if (eq > 0) {
            value = substr($i, eq + 1)
            v[name, substr($i, 1, eq - 1)] = value ~ /^-?[0-9.]+$/ ? value + 0 : value
        }
    }
}

function commas(x,    s, out) {
    s = sprintf("%.0f", x)
    out = ""
    while (length(s) > 3) {
        out = "," substr(s, length(s) - 2) out
        s = substr(s, 1, length(s) - 3)
    }
    return s out
}

function short(x) {
    if (x >= 1000000 && x % 1000000 == 0) return (x / 1000000) "M"
    if (x >= 1000 && x % 1000 == 0) return (x / 1000) "k"
    return commas(x)
}

function row(what, measured, target, reference, ratio, met) {
    printf "| %s | %s | %s | %s | %s | %s |\n", what, measured, target, reference, ratio, met ? "yes" : "**no**"
}

# A benchmark that printed no summary (it failed) still gets its row.
function failed(name, what, target) {
    if (name in seen) return 0
    printf "| %s | no result: see bench-report/%s.log | %s | | | **no** |\n", what, name, target
    return 1
}

function f(x, digits) {
    return sprintf("%." digits "f", x)
}

END {
    print "| what | measured | target (DESIGN.md section 4) | reference, measured in the same run | ratio to reference | met |"
    print "|---|---|---|---|---|---|"
    if (!failed("import", "JSON-lines import, end to end (`awb import`)", ">= 500,000 events/s")) {
        sqlite = "`sqlite3 .import` of the same rows as CSV (same table, indexes, pragmas): " \
            commas(v["import", "reference_rows_per_s"]) " rows/s, " f(v["import", "reference_seconds"], 1) " s"
        row("JSON-lines import, " short(v["import", "events"]) " generated events, end to end (`awb import`)",
            commas(v["import", "events_per_s"]) " events/s (" f(v["import", "seconds"], 1) " s, " \
                v["import", "peak_mib"] " MiB peak RSS)",
            ">= 500,000 events/s", sqlite, f(v["import", "ratio"], 2),
            v["import", "events_per_s"] >= 500000)
        row("JSON-lines import time against `sqlite3 .import` of the same rows",
            f(v["import", "ratio"], 2) " x", "<= 1.5 x", "as above", f(v["import", "ratio"], 2),
            v["import", "ratio"] <= 1.5)
    }
    if (!failed("ials", "iALS, 64 factors, 10M interactions", "<= 3 s per iteration")) {
        row("iALS, " v["ials", "factors"] " factors, " short(v["ials", "users"]) " users x " \
                short(v["ials", "items"]) " items, " commas(v["ials", "nonzeros"]) " non-zeros, " \
                "conjugate gradient, all cores",
            "mean " f(v["ials", "mean_s"], 2) " s per iteration (best " f(v["ials", "best_s"], 2) " s; " \
                v["ials", "peak_mib"] " MiB peak RSS)",
            "<= 3 s per iteration",
            "previous solver (sparse products per interaction, one-threaded Gramian): " \
                f(v["ials", "reference_mean_s"], 2) " s",
            f(v["ials", "ratio"], 2), v["ials", "mean_s"] <= 3)
    }
    if (!failed("score", "scoring one target, 1M profiles", "<= 200 ms")) {
        row("scoring one target for " short(v["score", "profiles"]) " profiles (of " \
                short(v["score", "generated"]) " generated; " short(v["score", "interactions"]) \
                " interactions) after training",
            "median " f(v["score", "median_ms"], 0) " ms (best " f(v["score", "best_ms"], 0) " ms)",
            "<= 200 ms",
            "one dot product per profile + one counting pass over the interactions: " \
                f(v["score", "reference_ms"], 0) " ms",
            f(v["score", "ratio"], 2), v["score", "median_ms"] <= 200)
    }
    if (!failed("recommend", "recommended items, 100k members x 5", "<= 2 s")) {
        row("recommended items (blend, a fifth of the catalog allowed, 10 items excluded per person), " \
                short(v["recommend", "members"]) " members x " v["recommend", "count"] " of " \
                short(v["recommend", "items"]) " items, after training",
            "median " f(v["recommend", "blend_filtered_median_s"], 2) " s (whole catalog allowed: " \
                f(v["recommend", "blend_median_s"], 2) " s)",
            "<= 2 s (issue 17)",
            "the members' dense personal scores by matrix products, no selection: " \
                f(v["recommend", "reference_s"], 2) " s",
            f(v["recommend", "ratio"], 2), v["recommend", "blend_filtered_median_s"] <= 2)
    }
    if (!failed("slider", "slider / chart update, 1M profiles", "<= 16 ms per step")) {
        row("slider / chart update (new size + repaint of the audience builder), " \
                short(v["slider", "profiles"]) " profiles, " v["slider", "steps"] " steps",
            "median " f(v["slider", "median_ms"], 1) " ms, p95 " f(v["slider", "p95_ms"], 1) " ms, max " \
                f(v["slider", "max_ms"], 1) " ms",
            "<= 16 ms per step (p95)",
            "naive step (sum the top k, redraw the whole chart): median " \
                f(v["slider", "reference_median_ms"], 1) " ms",
            f(v["slider", "ratio"], 2), v["slider", "p95_ms"] <= 16)
    }
    if (!failed("segment", "segment live count, 5 conditions, 1M profiles", "<= 50 ms, exact")) {
        exact = v["segment", "exact"] == 1
        row("segment live count, " v["segment", "conditions"] " conditions, " \
                short(v["segment", "profiles"]) " profiles (traits loaded)",
            "median " f(v["segment", "median_ms"], 1) " ms (max " f(v["segment", "max_ms"], 1) \
                " ms), " commas(v["segment", "matching"]) " matching",
            "<= 50 ms, exact",
            "the same rule evaluated row by row: median " f(v["segment", "reference_median_ms"], 1) \
                " ms, " (exact ? "same count" : "**different count**"),
            f(v["segment", "ratio"], 2), exact && v["segment", "median_ms"] <= 50)
    }
    if (!failed("export", "CSV export, 1M rows", "<= 2 s")) {
        row("CSV export, " short(v["export", "rows"]) " rows, " v["export", "preset"] " preset",
            f(v["export", "best_s"], 2) " s wall (" f(v["export", "cpu_s"], 2) " s CPU), best of 2",
            "<= 2 s",
            "`sqlite3 -csv` of the same columns and rows: " f(v["export", "reference_s"], 2) " s",
            f(v["export", "ratio"], 2), v["export", "best_s"] <= 2)
    }
    if (!failed("memory", "memory, 10M-event workspace", "<= 2 GB peak RSS")) {
        row("memory: " short(v["memory", "events"]) "-event sample workspace (" \
                commas(v["memory", "profiles"]) " profiles): catalog build, then train and score one target",
            "peak RSS " commas(v["memory", "peak_mib"]) " MiB (catalog build " \
                commas(v["memory", "catalog_peak_mib"]) " MiB, " f(v["memory", "catalog_s"], 0) " s; " \
                "scoring " commas(v["memory", "score_peak_mib"]) " MiB, " f(v["memory", "score_s"], 0) " s)",
            "<= 2 GB peak RSS",
            "size of the workspace file: " commas(v["memory", "workspace_mib"]) " MiB",
            f(v["memory", "ratio"], 2), v["memory", "peak_mib"] * 1048576 <= 2e9)
    }
    print ""
    print "Ratio: measured time (memory: peak RSS) over the reference's; below 1 is faster (smaller)."
}
