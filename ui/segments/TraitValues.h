// SPDX-License-Identifier: GPL-3.0-or-later
// What a trait condition's values look like: the operators of each kind of trait with their labels, the
// values each operator takes (none, a number, two, a number of days, a text, a list, one or two dates) and
// sensible values when the operator or trait changes.
#pragma once

#include "segments/Rule.h"
#include "traits/TraitTable.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace awb::ui {

struct TraitChoice;

class TraitValues
{
    Q_DECLARE_TR_FUNCTIONS(TraitValues)
public:
    enum class Shape
    {
        None,
        Number,
        Numbers2,
        Days,
        Text,
        List,
        Date,
        Dates2,
    };

    static Shape shapeOf(segments::Op op, traits::TraitKind kind);
    /// The operators offered for a kind of trait, in menu order.
    static std::vector<segments::Op> operators(traits::TraitKind kind);
    static QString operatorLabel(segments::Op op, traits::TraitKind kind);
    /// The values for op, kept from old where they fit, else sensible defaults (the trait's typical value,
    /// its first known text, the last 30 days before nowMs).
    static std::vector<segments::Value> adapt(segments::Op op, const TraitChoice &trait, std::int64_t nowMs,
                                              const std::vector<segments::Value> &old);

    static std::optional<double> numberAt(const std::vector<segments::Value> &values, std::size_t i);
    static std::optional<std::string> textAt(const std::vector<segments::Value> &values, std::size_t i);
    /// A text that starts with a date.
    static std::optional<std::string> dateAt(const std::vector<segments::Value> &values, std::size_t i);

    static constexpr double kDefaultDays = 30;
};

} // namespace awb::ui
