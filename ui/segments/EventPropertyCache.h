// SPDX-License-Identifier: GPL-3.0-or-later
// The known properties of each event of a workspace, read from its latest events the first time an event
// condition asks for them, then kept (the rule editors are rebuilt after most edits).
#pragma once

#include "segments/EventProperties.h"

#include <QString>

#include <map>
#include <vector>

namespace awb::ui {

class EventPropertyCache
{
public:
    explicit EventPropertyCache(QString workspacePath) : m_path(std::move(workspacePath)) {}

    /// The properties of event, most common first; empty for an unknown event or when reading fails. Reads
    /// a capped sample of the latest events on first use (UI thread: tens of milliseconds).
    const std::vector<segments::EventProperty> &of(const QString &event);

private:
    QString m_path;
    std::map<QString, std::vector<segments::EventProperty>> m_known;
};

} // namespace awb::ui
