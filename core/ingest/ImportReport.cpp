// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/ImportReport.h"

namespace awb::ingest {

std::string ImportReport::summary() const
{
    std::string s;
    s += "rows read:   " + std::to_string(rowsRead) + "\n";
    s += "imported:    " + std::to_string(imported) + "\n";
    s += "duplicates:  " + std::to_string(duplicates) + " (already in the workspace, skipped)\n";
    s += "rejected:    " + std::to_string(rejected) + "\n";
    for (std::size_t i = 0; i < replacedRuns.size(); ++i) {
        s += "replaced:    import run " + std::to_string(replacedRuns[i]) +
             (i + 1 == replacedRuns.size() ? " (" + std::to_string(replacedEvents) + " events removed)\n" : "\n");
    }
    if (filtered > 0) {
        s += "filtered:    " + std::to_string(filtered) + " (skipped by the mapping's row filters)\n";
    }
    if (blank > 0) {
        s += "blank rows:  " + std::to_string(blank) + " (every field empty, skipped)\n";
    }
    if (profileRows > 0) {
        s += "profile rows: " + std::to_string(profileRows) + " (attributes stored)\n";
    }
    for (const LookupReport &l : lookups) {
        s += "lookup " + l.name + " (" + l.file + "): " + std::to_string(l.rows) + " rows held in memory, " +
             std::to_string(l.duplicateKeys) + " duplicate keys, " + std::to_string(l.missingKeys) +
             " rows without a match\n";
        for (const std::string &note : l.notes) {
            s += "  " + note + "\n";
        }
    }
    s += "profiles:    " + std::to_string(profilesCreated) + " created, " + std::to_string(profilesMerged) +
         " merged\n";
    if (!rejections.empty()) {
        s += "rejected rows";
        if (static_cast<std::int64_t>(rejections.size()) < rejected) {
            s += " (first " + std::to_string(rejections.size()) + ")";
        }
        s += ":\n";
        for (const RejectedRow &r : rejections) {
            s += "  " + r.source + ":" + std::to_string(r.line) + ": " + r.reason + "\n";
        }
    }
    return s;
}

} // namespace awb::ingest
