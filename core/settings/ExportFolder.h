// SPDX-License-Identifier: GPL-3.0-or-later
// Where export files go unless the user says otherwise: the last folder used, else the documents folder.
#pragma once

#include <QString>

namespace awb::settings {

class Settings;

/// The folder an export starts in: keys::LastExportDirectory when it still exists, else the user's
/// documents folder (XDG_DOCUMENTS_DIR, ~/Documents), created when missing, else the home folder when the
/// documents folder cannot be created. Never empty.
QString exportFolder(const Settings &settings);

/// Remembers folder (absolute, cleaned) as keys::LastExportDirectory for the next export. An empty folder
/// is ignored.
void rememberExportFolder(Settings &settings, const QString &folder);

} // namespace awb::settings
