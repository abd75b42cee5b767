// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Libraries.h"

#include <Eigen/Core>
#include <lzma.h>
#include <simdjson.h>
#include <sqlite3.h>
#include <xxhash.h>
#include <zlib.h>

#include <QtGlobal>

// The versions some headers give only as bare tokens (SIMDJSON_VERSION is 3.0.1), turned into text.
#define AWB_STRINGIFY_(x) #x
#define AWB_STRINGIFY(x) AWB_STRINGIFY_(x)

namespace awb {

namespace {
// XXH_versionNumber() is MAJOR * 10000 + MINOR * 100 + RELEASE.
std::string xxhashVersion()
{
    const unsigned n = XXH_versionNumber();
    return std::to_string(n / 10000) + "." + std::to_string(n / 100 % 100) + "." + std::to_string(n % 100);
}
} // namespace

std::vector<LibraryVersion> libraryVersions()
{
    return {
        {"Qt", qVersion(), true},
        {"SQLite", sqlite3_libversion(), true},
        {"simdjson", AWB_STRINGIFY(SIMDJSON_VERSION), false},
        {"Eigen",
         AWB_STRINGIFY(EIGEN_WORLD_VERSION) "." AWB_STRINGIFY(EIGEN_MAJOR_VERSION) "." AWB_STRINGIFY(
             EIGEN_MINOR_VERSION),
         false},
        {"xxHash", xxhashVersion(), true},
        {"zlib", zlibVersion(), true},
        {"liblzma", lzma_version_string(), true},
    };
}

std::string libraryVersionsText()
{
    std::string text;
    for (const LibraryVersion &library : libraryVersions()) {
        text += (text.empty() ? "" : ", ") + library.name + " " + library.version;
    }
    return text;
}

} // namespace awb
