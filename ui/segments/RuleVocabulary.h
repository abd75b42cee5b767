// SPDX-License-Identifier: GPL-3.0-or-later
// What the rule editors offer: the traits grouped by kind (profile attributes under "Profile") with their
// known values and typical numbers, the catalog columns with their values (most bought first), event names,
// saved segments and audiences.
#pragma once

#include "segments/EventProperties.h"
#include "segments/Rule.h"
#include "traits/TraitTable.h"

#include <QStringList>

#include <memory>
#include <string>
#include <vector>

namespace awb::ui {

class EventPropertyCache;

struct TraitChoice
{
    traits::TraitInfo info;
    bool perValue = false; ///< takes a catalog column and value
    bool integral = false; ///< numbers: every known value is whole
    double typical = 0;    ///< numbers: the median of the known values (0 without any)
    double largest = 0;    ///< numbers: the largest absolute known value (shares and probabilities: <= 1)
    QStringList values;    ///< texts: the known values (at most 500; profile attributes most frequent first)
    bool allValuesKnown = true; ///< texts: values holds every value (else a value may be typed)
};

struct ColumnChoice
{
    QString column;
    QStringList values; ///< most buyers first
};

struct RuleVocabulary
{
    std::vector<TraitChoice> traits; ///< in display order (grouped)
    std::vector<ColumnChoice> columns;
    QStringList events; ///< most frequent first
    QStringList segments;
    QStringList audiences;
    QStringList exported;   ///< audiences that were exported
    std::int64_t nowMs = 0; ///< the traits' "now" (relative dates count back from it)
    /// The events' known properties, read when first asked (nullptr: none known, e.g. in tests).
    std::shared_ptr<EventPropertyCache> eventProperties;

    const TraitChoice *trait(const std::string &id) const;
    const ColumnChoice *column(const QString &name) const;
    /// The traits worth showing beside the profiles a rule matches: those it tests (with a value per
    /// profile), then spend, orders, last purchase and RFM group; five at most.
    std::vector<std::string> keyTraits(const segments::Rule &rule) const;
    /// The names a membership condition of that kind may use.
    const QStringList &names(int membershipKind) const;
    /// The known properties of an event, most common first (empty when none are known).
    const std::vector<segments::EventProperty> &propertiesOf(const QString &event) const;

    /// From a loaded trait table (traits, catalog values, audiences and exports) plus the workspace's event
    /// names and saved segments. Reads every column once: run it off the UI thread for large tables.
    static RuleVocabulary build(const traits::TraitTable &table, QStringList events, QStringList segments);
};

} // namespace awb::ui
