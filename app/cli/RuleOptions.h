// SPDX-License-Identifier: GPL-3.0-or-later
// The rule options `awb segment` reads: --rule FILE.json and --template NAME with --param KEY=VALUE.
#pragma once

#include "common/Result.h"
#include "segments/Rule.h"

#include <QCommandLineParser>

#include <map>
#include <string>

namespace awb::cli {

/// The rule in the JSON file of --rule; InvalidInput naming the file.
Result<segments::Rule> ruleFromFile(const QString &path);

/// The --param KEY=VALUE pairs of a template; InvalidInput for one without "=".
Result<std::map<std::string, std::string>> templateParams(const QCommandLineParser &parser);

} // namespace awb::cli
