// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/ExportFolder.h"

#include "settings/Settings.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace awb::settings {

QString exportFolder(const Settings &settings)
{
    const QString last = settings.value(keys::LastExportDirectory);
    if (!last.isEmpty() && QFileInfo(last).isDir()) {
        return last;
    }
    // The documents folder is named by the desktop (XDG_DOCUMENTS_DIR) but need not exist: a fresh
    // account or a container often lacks it, and every export into it would fail.
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QDir().mkpath(documents)) {
        return QDir::cleanPath(documents);
    }
    return QDir::homePath();
}

void rememberExportFolder(Settings &settings, const QString &folder)
{
    if (!folder.trimmed().isEmpty()) {
        settings.setValue(keys::LastExportDirectory, QDir::cleanPath(QDir(folder.trimmed()).absolutePath()));
    }
}

} // namespace awb::settings
