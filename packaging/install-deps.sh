#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Audience Workbench needs to build, test and run.
# Idempotent: packages already installed are skipped; nothing is downloaded outside apt.
#   bash packaging/install-deps.sh [EXTRA_PACKAGE...]    (extras: e.g. clang for tests/fuzz/run.sh)
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6svg6 qt6-tools-dev
    libqcustomplot-dev
    libeigen3-dev
    libsqlite3-dev sqlite3
    libsimdjson-dev
    zlib1g-dev liblzma-dev libxxhash-dev libzstd-dev
    libpq-dev postgresql
    fonts-dejavu-core
    xz-utils time
    dpkg-dev file desktop-file-utils appstream shared-mime-info
    "$@"
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
