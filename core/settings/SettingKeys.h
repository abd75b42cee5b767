// SPDX-License-Identifier: GPL-3.0-or-later
// Every settings key of the application, declared once with its type and default.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace awb::settings {

/// A typed settings key: "Group/key" and the value returned when nothing is stored.
template <typename T> struct SettingKey
{
    const char *name;
    T defaultValue;
};

namespace keys {

/// Version of the settings layout, upgraded step by step at startup (Settings::upgrade).
inline const SettingKey<int> MetaVersion{"Meta/version", 0};

/// The workspace open when the application last quit; reopened at the next start.
inline const SettingKey<QString> LastWorkspace{"Workspace/last", {}};
/// Recently opened workspaces, most recent first.
inline const SettingKey<QStringList> RecentWorkspaces{"Workspace/recent", {}};
inline const SettingKey<int> MaxRecentWorkspaces{"Workspace/maxRecent", 8};

/// QMainWindow::saveGeometry() / saveState() of the main window.
inline const SettingKey<QByteArray> WindowGeometry{"Ui/mainWindowGeometry", {}};
inline const SettingKey<QByteArray> WindowState{"Ui/mainWindowState", {}};

/// Folder last used in the import wizard's file picker, and for mapping JSON files.
inline const SettingKey<QString> LastImportDirectory{"Import/lastDirectory", {}};
inline const SettingKey<QString> LastMappingDirectory{"Import/lastMappingDirectory", {}};

/// Folder the last export (audience, segment or destination files) was written to; see exportFolder().
inline const SettingKey<QString> LastExportDirectory{"Export/lastDirectory", {}};

/// The last warehouse connection (File > Connect to warehouse…), without its password, which is never stored.
inline const SettingKey<QString> WarehouseHost{"Warehouse/host", QStringLiteral("/run/postgresql")};
inline const SettingKey<int> WarehousePort{"Warehouse/port", 5432};
inline const SettingKey<QString> WarehouseDatabase{"Warehouse/database", {}};
inline const SettingKey<QString> WarehouseUser{"Warehouse/user", {}};
inline const SettingKey<QString> WarehouseSchema{"Warehouse/schema", QStringLiteral("public")};

/// Rows fetched per query by the paged data tables.
inline const SettingKey<int> TablePageSize{"Table/pageSize", 256};

} // namespace keys

} // namespace awb::settings
