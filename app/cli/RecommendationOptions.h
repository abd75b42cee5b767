// SPDX-License-Identifier: GPL-3.0-or-later
// The --recs / --rec-* options of awb export and awb segment export: each member's recommended items.
#pragma once

#include "services/Recommendations.h"

#include <QCommandLineParser>

#include <optional>

namespace awb::cli {

void addRecommendationOptions(QCommandLineParser &parser);

/// The options into out (left empty when none is given); false, with exitCode set after printing why, when
/// one is bad.
bool parseRecommendationOptions(const QCommandLineParser &parser, const char *command,
                                std::optional<services::RecommendationRequest> &out, int &exitCode);

} // namespace awb::cli
