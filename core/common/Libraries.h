// SPDX-License-Identifier: GPL-3.0-or-later
// The libraries the engine is built on, with their versions (for Help > About and awb --version).
#pragma once

#include <string>
#include <vector>

namespace awb {

struct LibraryVersion
{
    std::string name;    ///< "SQLite"
    std::string version; ///< "3.40.1"
    bool runtime = true; ///< read from the loaded library; false = the headers built against
};

/// Qt, SQLite, simdjson, Eigen, xxHash, zlib and liblzma, in that order. Shared libraries report the
/// version loaded at run time; header-only or static ones (simdjson's headers, Eigen) the version built
/// against.
std::vector<LibraryVersion> libraryVersions();

/// "Qt 6.4.2, SQLite 3.40.1, …": the list on one line.
std::string libraryVersionsText();

} // namespace awb
