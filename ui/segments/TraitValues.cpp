// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/TraitValues.h"

#include "segments/RuleVocabulary.h"

#include <QDateTime>

#include <cmath>

namespace awb::ui {

using segments::Op;
using segments::Value;
using traits::TraitKind;

namespace {

QString dateText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date().toString(Qt::ISODate);
}

double rounded(double v, bool integral)
{
    return integral || std::abs(v) >= 10 ? std::round(v) : std::round(v * 100) / 100;
}

} // namespace

TraitValues::Shape TraitValues::shapeOf(Op op, TraitKind kind)
{
    switch (op) {
    case Op::IsSet:
    case Op::IsNotSet:
    case Op::IsTrue:
    case Op::IsFalse:
        return Shape::None;
    case Op::WithinLastDays:
    case Op::MoreThanDaysAgo:
        return Shape::Days;
    case Op::Between:
        return kind == TraitKind::Date ? Shape::Dates2 : Shape::Numbers2;
    case Op::In:
        return Shape::List;
    case Op::Before:
    case Op::After:
        return Shape::Date;
    case Op::Is:
    case Op::IsNot:
    case Op::Contains:
    case Op::StartsWith:
        return Shape::Text;
    default:
        return Shape::Number;
    }
}

std::optional<double> TraitValues::numberAt(const std::vector<Value> &values, std::size_t i)
{
    if (i < values.size() && std::holds_alternative<double>(values[i])) {
        return std::get<double>(values[i]);
    }
    return std::nullopt;
}

std::optional<std::string> TraitValues::textAt(const std::vector<Value> &values, std::size_t i)
{
    if (i < values.size() && std::holds_alternative<std::string>(values[i])) {
        return std::get<std::string>(values[i]);
    }
    return std::nullopt;
}

std::optional<std::string> TraitValues::dateAt(const std::vector<Value> &values, std::size_t i)
{
    const auto t = textAt(values, i);
    if (t && QDate::fromString(QString::fromStdString(*t).left(10), Qt::ISODate).isValid()) {
        return t;
    }
    return std::nullopt;
}

std::vector<Value> TraitValues::adapt(Op op, const TraitChoice &c, std::int64_t nowMs,
                                      const std::vector<Value> &old)
{
    const double typical = rounded(c.typical, c.integral);
    const std::string first = c.values.isEmpty() ? std::string() : c.values.front().toStdString();
    switch (shapeOf(op, c.info.kind)) {
    case Shape::None:
        return {};
    case Shape::Number:
        return {numberAt(old, 0).value_or(typical)};
    case Shape::Numbers2: {
        const double low = numberAt(old, 0).value_or(typical);
        return {low, numberAt(old, 1).value_or(low == 0 ? 1.0 : rounded(low * 2, c.integral))};
    }
    case Shape::Days:
        return {numberAt(old, 0).value_or(kDefaultDays)};
    case Shape::Text:
        return {textAt(old, 0).value_or(first)};
    case Shape::List: {
        std::vector<Value> kept;
        for (std::size_t i = 0; i < old.size(); ++i) {
            if (auto t = textAt(old, i)) {
                kept.emplace_back(*t);
            }
        }
        return kept.empty() ? std::vector<Value>{first} : kept;
    }
    case Shape::Date:
        return {dateAt(old, 0).value_or(dateText(nowMs - 30 * traits::kDayMs).toStdString())};
    case Shape::Dates2:
        return {dateAt(old, 0).value_or(dateText(nowMs - 30 * traits::kDayMs).toStdString()),
                dateAt(old, 1).value_or(dateText(nowMs).toStdString())};
    }
    return {};
}

std::vector<Op> TraitValues::operators(TraitKind kind)
{
    switch (kind) {
    case TraitKind::Number:
        return {Op::Ge, Op::Le, Op::Gt, Op::Lt, Op::Eq, Op::Ne, Op::Between, Op::IsSet, Op::IsNotSet};
    case TraitKind::Text:
        return {Op::Is, Op::IsNot, Op::In, Op::Contains, Op::StartsWith, Op::IsSet, Op::IsNotSet};
    case TraitKind::Date:
        return {Op::WithinLastDays, Op::MoreThanDaysAgo, Op::Before,  Op::After,
                Op::Between,        Op::IsSet,           Op::IsNotSet};
    case TraitKind::Boolean:
        return {Op::IsTrue, Op::IsFalse, Op::IsSet, Op::IsNotSet};
    }
    return {};
}

QString TraitValues::operatorLabel(Op op, TraitKind kind)
{
    const bool date = kind == TraitKind::Date;
    switch (op) {
    case Op::Eq:
        return tr("is exactly");
    case Op::Ne:
    case Op::IsNot:
        return tr("is not");
    case Op::Lt:
        return tr("is less than");
    case Op::Le:
        return tr("is at most");
    case Op::Gt:
        return tr("is more than");
    case Op::Ge:
        return tr("is at least");
    case Op::Between:
        return date ? tr("is between the dates") : tr("is between");
    case Op::Is:
        return tr("is");
    case Op::Contains:
        return tr("contains");
    case Op::StartsWith:
        return tr("starts with");
    case Op::In:
        return tr("is one of");
    case Op::IsSet:
        return date ? tr("has a date") : tr("has a value");
    case Op::IsNotSet:
        return date ? tr("has no date") : tr("has no value");
    case Op::Before:
        return tr("is before");
    case Op::After:
        return tr("is after");
    case Op::WithinLastDays:
        return tr("is in the last");
    case Op::MoreThanDaysAgo:
        return tr("is more than");
    case Op::IsTrue:
        return tr("is true");
    case Op::IsFalse:
        return tr("is false");
    }
    return {};
}

} // namespace awb::ui
