#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb with cpack, extracts it into a scratch root (dpkg-deb -x: nothing is installed on the
# machine), runs the extracted awb and audience-workbench, and validates the desktop entry, the AppStream
# metainfo, the MIME type and the icons.
#
# usage: test_package.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
app_id=io.github.audienceworkbench.AudienceWorkbench
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1) || {
    cat "$scratch/cpack.log"
    fail "cpack failed"
}
deb=$(ls "$scratch"/out/audience-workbench_"$version"_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no audience-workbench_${version}_*.deb in $(ls "$scratch/out")"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

echo "== control fields"
[ "$(dpkg-deb -f "$deb" Package)" = audience-workbench ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# Computed by dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS), plus the SVG plugin named by hand.
for lib in libc6 libqt6core6 libqt6widgets6 libsqlite3-0 libqt6svg6; do
    [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib"
done

echo "== contents"
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/awb usr/bin/audience-workbench \
    "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml" \
    "usr/share/mime/packages/$app_id.xml" "usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    "usr/share/icons/hicolor/256x256/apps/$app_id.png" usr/share/doc/audience-workbench/copyright \
    usr/share/doc/audience-workbench/guide/README.md; do
    [ -s "$root/$f" ] || fail "missing /$f"
done
file "$root/usr/share/icons/hicolor/256x256/apps/$app_id.png" | grep -q "PNG image data, 256 x 256" ||
    fail "the 256 px icon is not a 256 x 256 PNG"

echo "== the extracted programs run"
awb="$root/usr/bin/awb"
[ "$("$awb" --version | head -n 1)" = "awb $version" ] || fail "awb --version printed '$("$awb" --version)'"
"$awb" generate --out "$scratch/sample.awb" --profiles 200
info=$("$awb" info "$scratch/sample.awb")
echo "$info"
grep -Eq "^profiles: +200( |$)" <<<"$info" || fail "awb info does not report the 200 generated profiles"
mkdir -m 700 "$scratch/runtime"
gui_version=$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$scratch/runtime" "$root/usr/bin/audience-workbench" --version)
[[ "$gui_version" == *"$version"* ]] || fail "audience-workbench --version printed '$gui_version'"

echo "== metadata validates"
desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"
mime="$scratch/mime"
mkdir -p "$mime/packages"
cp "$root/usr/share/mime/packages/$app_id.xml" "$mime/packages/"
update-mime-database "$mime"
grep -q 'glob pattern="\*.awb"' "$mime/application/x-audience-workbench.xml" ||
    fail "update-mime-database did not register *.awb"
grep -q "application/x-audience-workbench" "$root/usr/share/applications/$app_id.desktop" ||
    fail "the desktop entry does not open workspaces"

echo "PASS: $(basename "$deb")"
