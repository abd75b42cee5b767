// SPDX-License-Identifier: GPL-3.0-or-later
// Error value returned by core functions that can fail.
#pragma once

#include <string>

namespace awb {

/// An error as core reports it: a code for programs, a message for the user (names the place: file,
/// line, column) and optional technical detail for the log.
struct Error
{
    enum class Code
    {
        Cancelled,     ///< the user cancelled; not a failure, the work was rolled back
        InvalidInput,  ///< input data or arguments are wrong
        NotAWorkspace, ///< the file is not an Audience Workbench workspace
        NewerVersion,  ///< the workspace was written by a newer version
        Io,            ///< reading or writing a file failed
        Database,      ///< SQLite reported an error
        NotFound,      ///< a named thing does not exist
        Conflict,      ///< changed by someone else (another window, process or `awb`) since it was read
        Internal,
    };

    Code code = Code::Internal;
    std::string message;
    std::string detail;

    static Error cancelled() { return {Code::Cancelled, "Cancelled", {}}; }
    bool isCancelled() const { return code == Code::Cancelled; }
};

} // namespace awb
