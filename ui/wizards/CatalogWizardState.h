// SPDX-License-Identifier: GPL-3.0-or-later
// What the catalog wizard's pages fill in, owned by the wizard and saved and built at the end; also the
// read-only previews the pages show, loaded once per event and cached.
#pragma once

#include "catalog/CatalogDefinition.h"
#include "catalog/CatalogPreview.h"
#include "catalog/CatalogRepository.h"
#include "common/Result.h"
#include "services/CatalogService.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace awb::ui {

struct CatalogWizardState
{
    QString workspacePath;
    /// The definition being edited: pages replace its parts as the user moves on.
    catalog::CatalogDefinition definition;
    /// Set once the build at the end succeeded.
    std::optional<catalog::CatalogBuildInfo> built;

    /// Names of the chosen events, in the definition's order.
    QStringList eventNames() const
    {
        QStringList names;
        for (const catalog::CatalogEvent &e : definition.events) {
            names << QString::fromStdString(e.name);
        }
        return names;
    }

    /// Keeps the events named in names (in that order), keeping the product property and weight of those
    /// already chosen and giving new ones the default weight; the product property of a new event is
    /// chosen on the next page. Columns lose their per-event properties of events no longer chosen.
    void chooseEvents(const QStringList &names)
    {
        std::vector<catalog::CatalogEvent> events;
        for (const QString &name : names) {
            const std::string n = name.toStdString();
            catalog::CatalogEvent event{n, {}, catalog::defaultWeight(n)};
            for (const catalog::CatalogEvent &old : definition.events) {
                if (old.name == n) {
                    event = old;
                }
            }
            events.push_back(std::move(event));
        }
        definition.events = std::move(events);
        for (catalog::CatalogColumn &column : definition.columns) {
            std::erase_if(column.overrides, [&names](const catalog::ColumnOverride &o) {
                return !names.contains(QString::fromStdString(o.event));
            });
        }
    }

    /// The sampled product properties of an event (a read-only preview, read once and then cached).
    Result<const catalog::ProductProperties *> properties(const std::string &event)
    {
        if (auto it = m_properties.find(event); it != m_properties.end()) {
            return &it->second;
        }
        auto read = services::CatalogService(workspacePath.toStdString()).propertyKeys(event);
        if (!read) {
            return fail(read.error());
        }
        return &m_properties.emplace(event, std::move(*read)).first->second;
    }

private:
    std::map<std::string, catalog::ProductProperties> m_properties;
};

} // namespace awb::ui
