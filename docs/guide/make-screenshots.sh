#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the user guide's screenshots and the figures its text quotes, together: builds awb and
# audience-workbench when needed, generates the sample store (default seed), creates the scenarios'
# audiences and segments with awb, renders each page with the app's screenshot mode into images/, and
# writes the counts into README.md (the numbers between <!--n:KEY--> and <!--/n-->).
#
# usage: bash docs/guide/make-screenshots.sh [BUILD_DIR]      (default: build, configured when missing)
# The workspace is kept in BUILD_DIR/guide/sample.awb to look at afterwards.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(realpath -m "${1:-$root/build}")
images=$here/images
guide=$here/README.md
size=1280x800

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" --target awb audience-workbench tst_ImportWizard -j2
awb=$build/app/awb
gui=$build/app/audience-workbench

work=$build/guide
rm -rf "$work"
mkdir -p "$work/config" "$work/data" "$work/cache" "$images"
ws=$work/sample.awb
# Keep the user's settings, recent files and sample out of it; export files suggested under ~/Documents.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
echo 'XDG_DOCUMENTS_DIR="/home/you/Documents"' >"$XDG_CONFIG_HOME/user-dirs.dirs"
unset QT_QPA_PLATFORM

declare -A fig # the figures the text quotes, by key

# 1234567 -> 1,234,567
commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|[^0-9]\)/\1,\2\3/' -e 'ta' <<<"$1"; }

# count KEY ARGS...: "awb segment count ARGS" into fig[KEY] (matching people) and fig[KEY-share] (percent).
count() {
    local key=$1 out
    shift
    out=$("$awb" segment count "$ws" "$@")
    read -r matching _ profiles _ <<<"$out"
    fig[$key]=$(commas "$matching")
    # As the app shows a share: no decimals from 10%, one from 1%, two below.
    fig[$key-share]=$(awk -v m="$matching" -v n="$profiles" 'BEGIN {
        p = m / n * 100; printf (p >= 10 || p == 0) ? "%.0f" : (p >= 1 ? "%.1f" : "%.2f"), p }')
    fig[profiles]=$(commas "$profiles")
    echo "  $key: $out"
}

# audience KEY NAME ARGS...: "awb audience create" into fig[KEY] (size), fig[KEY-of] (eligible),
# fig[KEY-quality] and fig[KEY-auc] / fig[KEY-auc3] (AUC with 2 and 3 decimals).
audience() {
    local key=$1 name=$2 out
    shift 2
    # A fixed control group seed: the same members held out on every run, so the figures stay put.
    out=$("$awb" audience create "$ws" --name "$name" --control-seed 1 "$@")
    echo "  $out"
    fig[$key]=$(commas "$(sed -n 's/.*live, \([0-9]*\) people.*/\1/p' <<<"$out" | head -n 1)")
    fig[$key-of]=$(commas "$(sed -n 's/.*% of \([0-9]*\) scored.*/\1/p' <<<"$out" | head -n 1)")
    fig[$key-auc3]=$(sed -n 's/.*AUC \([0-9.]*\)).*/\1/p' <<<"$out" | head -n 1)
    fig[$key-auc]=$(awk '{printf "%.2f", $1}' <<<"${fig[$key-auc3]}") # as the builder and the list show it
    fig[$key-quality]=$(sed -n 's/.*quality \([A-Za-z ]*\) (AUC.*/\1/p' <<<"$out" | head -n 1)
    fig[$key-control]=$(commas "$(sed -n 's/.*(\([0-9]*\) held out.*/\1/p' <<<"$out" | head -n 1)")
}

# shot NAME ARGS...: renders the page ARGS choose to images/NAME.png.
shot() {
    local name=$1
    shift
    "$gui" --offscreen --screenshot "$images/$name.png" --window-size "$size" "$@" "$ws" >/dev/null
    echo "  images/$name.png"
}

echo "== sample store"
"$awb" generate --out "$ws" --with-catalog
info=$("$awb" info "$ws")
fig[events]=$(commas "$(awk '/^events:/ {print $2; exit}' <<<"$info")")

# The builder as it shows an audience about to be created (before awb creates it under that name below).
echo "== screenshots of the audience builder ($size)"
shot 03-accessories-builder --page audience-builder --target Subcategory=Accessories --size 20 \
    --audience "Accessories 20%"
shot 06-brand-audience-builder --page audience-builder --target Brand=Nordlicht --size 5 \
    --audience "Nordlicht 5%"

echo "== audiences"
audience accessories "Accessories 20%" --target Subcategory=Accessories --size 20%
audience nordlicht "Nordlicht 5%" --target Brand=Nordlicht --size 5%
audience sports "Sports fans 20%" --target Category=Sports --size 20%
# P00122 (Peak Motion Lite Trail Shoes) is the Sports product with the most interactions in the sample.
audience article "Next article for sports readers" --product P00122 --only-in "Sports fans 20%" --size 25%

echo "== segments"
rules=$work/rules
mkdir -p "$rules"
cat >"$rules/recent-laptop-buyers.json" <<'EOF'
{"version": 1, "rule": {"type": "all", "conditions": [
  {"type": "trait", "trait": "value_last_purchase", "column": "Subcategory", "columnValue": "Laptops",
   "op": "within_last_days", "value": 90}]}}
EOF
cat >"$rules/laptop-accessories.json" <<'EOF'
{"version": 1, "rule": {"type": "all", "conditions": [
  {"type": "trait", "trait": "value_last_purchase", "column": "Subcategory", "columnValue": "Laptops",
   "op": "within_last_days", "value": 90},
  {"type": "membership", "kind": "audience", "in": true, "name": "Accessories 20%"}]}}
EOF
aov=(--template aov-builders --param column=Subcategory --param category=Skincare --param never=Makeup
    --param times=1)
brand=(--template top-brand-buyers --param brand=Nordlicht)
# The templates as the builder shows them once chosen and named (before they are saved below).
echo "== screenshots of the templates ($size)"
shot 05-brand-top-buyers --page segments "${brand[@]}" --segment "Nordlicht top 5% buyers"
shot 08-lapsed-vips --page segments --template lapsed-vips --segment "Lapsed VIPs"
shot 09-skincare-aov --page segments "${aov[@]}" --segment "Skincare AOV add-ons"
shot 10-discount-seekers --page segments --template discount-seekers --segment "Discount seekers"
shot 11-new-visitors --page segments --template new-visitors --segment "New visitors"
shot 12-returning-visitors --page segments --template returning-visitors --segment "Returning visitors"
shot 13-loyal-low-spenders --page segments --template loyal-low-spenders --segment "Loyal low spenders" \
    --insight rfm
"$awb" segment save "$ws" --name "Recent laptop buyers" --rule "$rules/recent-laptop-buyers.json"
"$awb" segment save "$ws" --name "Laptop buyers for accessories" --rule "$rules/laptop-accessories.json"
"$awb" segment save "$ws" --name "Nordlicht top 5% buyers" "${brand[@]}"
"$awb" segment save "$ws" --name "Lapsed VIPs" --template lapsed-vips
"$awb" segment save "$ws" --name "Skincare AOV add-ons" "${aov[@]}"
"$awb" segment save "$ws" --name "Discount seekers" --template discount-seekers
"$awb" segment save "$ws" --name "New visitors" --template new-visitors
"$awb" segment save "$ws" --name "Returning visitors" --template returning-visitors
"$awb" segment save "$ws" --name "Loyal low spenders" --template loyal-low-spenders
# The spend threshold the top-brand-buyers template wrote into the saved rule, as the builder shows it.
threshold=$("$awb" segment show "$ws" --name "Nordlicht top 5% buyers" | sed -n 's/.*"value": *\([0-9.]*\).*/\1/p')
fig[brand-threshold]=$(commas "$(printf '%.2f' "$(head -n 1 <<<"$threshold")")")
count recent-laptop --rule "$rules/recent-laptop-buyers.json"
count laptop-accessories --rule "$rules/laptop-accessories.json"
count brand-top "${brand[@]}"
count lapsed-vips --template lapsed-vips
count aov "${aov[@]}"
count aov-default --template aov-builders --param column=Subcategory --param category=Skincare \
    --param never=Makeup
count discount --template discount-seekers
count new-visitors --template new-visitors
count returning --template returning-visitors
count loyal-low --template loyal-low-spenders

echo "== exports"
# Exports go to a short path of their own: the audience page shows it in its export history.
exports=/tmp/awb-guide/exports
rm -rf "$exports"
mkdir -p "$exports"
"$awb" export "$ws" --audience "Nordlicht 5%" --preset mailchimp --out "$exports/nordlicht-mailchimp.csv" |
    tee "$exports/mailchimp.txt"
fig[mailchimp-written]=$(commas "$(awk '/written:/ {print $2; exit}' "$exports/mailchimp.txt")")
fig[mailchimp-skipped]=$(commas "$(awk '/skipped:/ {print $2; exit}' "$exports/mailchimp.txt")")
"$awb" export "$ws" --audience "Nordlicht 5%" --preset meta --out "$exports/nordlicht-meta.csv" |
    tee "$exports/meta.txt"
fig[meta-written]=$(commas "$(awk '/written:/ {print $2; exit}' "$exports/meta.txt")")
fig[meta-skipped]=$(commas "$(awk '/skipped:/ {print $2; exit}' "$exports/meta.txt")")
fig[nordlicht-exported]=$(commas "$(awk '/members:/ {print $2; exit}' "$exports/mailchimp.txt")")
# "    backtest blend (personal, else bestsellers): hit rate 41%, recall 30% (312 people)", then the bestsellers'.
"$awb" export "$ws" --audience "Nordlicht 5%" --preset klaviyo --out "$exports/nordlicht-klaviyo.csv" --recs 3 \
    --rec-filter Brand=Nordlicht | tee "$exports/klaviyo.txt"
fig[recs-hit]=$(sed -n 's/^    backtest blend.*hit rate \([0-9]*\)%.*/\1/p' "$exports/klaviyo.txt")
fig[recs-best-hit]=$(sed -n 's/^    backtest bestsellers: hit rate \([0-9]*\)%.*/\1/p' "$exports/klaviyo.txt")

# The win-back mail goes to the people of today: freeze them (10% held out as a control group) and mail the
# frozen copy, so the list can be checked and measured later.
"$awb" segment freeze "$ws" "Lapsed VIPs" --as "Lapsed VIPs, mailed" --control-seed 1
"$awb" segment export "$ws" --name "Lapsed VIPs, mailed" --preset mailchimp --out "$exports/lapsed-vips.csv"

echo "== screenshots ($size)"
shot 01-sample-events --page events
shot 02-catalog --page catalog
shot 04-laptop-accessories-segment --page segment --segment "Laptop buyers for accessories"
shot 07-next-article-audience --page audience --audience "Next article for sports readers"
shot 14-segment-list --page segment-list
shot 17-frozen-segment --page segment --segment "Lapsed VIPs, mailed"
shot 15-audience-list --page audiences
shot 16-export-meta --page audience --audience "Nordlicht 5%" --export-dialog meta

# Last: the played campaign adds orders after the store's end, which no screenshot above should show.
echo "== the campaign's result (played on the sample store with a 10-point uplift)"
"$awb" generate --out "$ws" --play-campaign "Sports fans 20%" --uplift 10% --seed 1
"$awb" audience results "$ws" --name "Sports fans 20%" | tee "$exports/results.txt"
# "  exported: 67 members, 40 converted (59.7%), ..." and "  lift:     +12.3 points (95% CI -10.2 to +30.1), ..."
fig[result-exported-rate]=$(sed -n 's/^  exported: .*converted (\([0-9.]*\)%).*/\1/p' "$exports/results.txt")
fig[result-control-rate]=$(sed -n 's/^  control: .*converted (\([0-9.]*\)%).*/\1/p' "$exports/results.txt")
fig[result-lift]=$(sed -n 's/^  lift: *\([-+0-9.]*\) points.*/\1/p' "$exports/results.txt")
fig[result-low]=$(sed -n 's/^  lift: .*95% CI \([-+0-9.]*\) to.*/\1/p' "$exports/results.txt")
fig[result-high]=$(sed -n 's/^  lift: .*95% CI [-+0-9.]* to \([-+0-9.]*\)).*/\1/p' "$exports/results.txt")

echo "== import wizard (the shop export of tst_ImportWizard)"
QT_QPA_PLATFORM=offscreen AWB_SCREENSHOT_DIR="$work/wizard" "$build/tests/ui/tst_ImportWizard" \
    joinsLookupFilesToTheOrderLines >/dev/null
for pair in wizard-2-join:import-join wizard-3-mapping-joined:import-mapping wizard-4-summary:import-summary; do
    cp "$work/wizard/${pair%%:*}.png" "$images/${pair#*:}.png"
    echo "  images/${pair#*:}.png"
done

echo "== figures in $guide"
missing=0
for key in $(grep -o '<!--n:[a-z0-9-]*-->' "$guide" | sed 's/<!--n:\(.*\)-->/\1/' | sort -u); do
    if [ -z "${fig[$key]:-}" ]; then
        echo "  no figure for <!--n:$key-->" >&2
        missing=1
        continue
    fi
    KEY=$key VALUE=${fig[$key]} perl -0pi -e 's/<!--n:\Q$ENV{KEY}\E-->.*?<!--\/n-->/<!--n:$ENV{KEY}-->$ENV{VALUE}<!--\/n-->/g' "$guide"
done
for key in $(printf '%s\n' "${!fig[@]}" | sort); do
    echo "  $key = ${fig[$key]}"
done
exit $missing
