#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and launches Audience Workbench on the sample workspace.
# Without a display it renders the main window offscreen to build/screenshot.png and says so.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AWB_BUILD_DIR:-$root/build}"

bash "$root/packaging/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target audience-workbench awb

app="$build/app/audience-workbench"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    shot="$build/screenshot.png"
    echo "No display found: rendering the main window on the sample workspace to $shot"
    "$app" --offscreen --sample --screenshot "$shot" "$@"
    echo "Wrote $shot"
else
    exec "$app" --sample "$@"
fi
