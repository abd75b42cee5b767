// SPDX-License-Identifier: GPL-3.0-or-later
// How the tables and pages show times, counts and JSON.
#pragma once

#include <QString>

#include <cstdint>
#include <string>

namespace awb::ui::format {

/// "2026-10-31 14:05:09" in UTC; empty for 0 (unknown).
QString timestamp(std::int64_t utcMs);
/// "2026-10-31" in UTC; empty for 0.
QString date(std::int64_t utcMs);
/// A count with digit grouping ("1,234,567").
QString count(std::int64_t n);
/// A count with its noun in the right number: one or many with %1 replaced by count(n), so
/// plural(n, tr("%1 person"), tr("%1 people")) reads "1 person" or "1,234 people".
QString plural(std::int64_t n, const QString &one, const QString &many);
/// A fraction as a percentage with sensible precision: "12%", "4.5%", "0.31%", "<0.01%".
QString percent(double fraction);
/// The JSON text on one line, cut with an ellipsis past maxChars; "" for an empty object.
QString compactJson(const std::string &json, int maxChars = 240);
/// The JSON pretty-printed for a tooltip, cut past maxChars.
QString indentedJson(const std::string &json, int maxChars = 2000);

} // namespace awb::ui::format
