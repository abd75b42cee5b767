// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/EventPropertyCache.h"

#include "services/SegmentService.h"

namespace awb::ui {

const std::vector<segments::EventProperty> &EventPropertyCache::of(const QString &event)
{
    auto it = m_known.find(event);
    if (it == m_known.end()) {
        auto read = services::SegmentService(m_path.toStdString()).eventProperties(event.toStdString());
        // A failed read offers no suggestions; the property can still be typed.
        it = m_known.emplace(event, read ? std::move(*read) : std::vector<segments::EventProperty>{}).first;
    }
    return it->second;
}

} // namespace awb::ui
