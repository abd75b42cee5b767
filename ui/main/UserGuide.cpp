// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/UserGuide.h"

#include "common/Error.h"
#include "main/ShowError.h"
#include "main/UserGuideWindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace awb::ui {

namespace {
const QString kInstalledGuide = QStringLiteral("doc/audience-workbench/guide/README.md");
} // namespace

QStringList userGuideCandidates()
{
    const QString programDir = QCoreApplication::applicationDirPath();
    QStringList candidates{QDir::cleanPath(programDir + QStringLiteral("/../share/") + kInstalledGuide)};
    for (const QString &dir : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation)) {
        const QString path = QDir::cleanPath(dir + QLatin1Char('/') + kInstalledGuide);
        if (!candidates.contains(path)) {
            candidates.append(path);
        }
    }
    // A program in the build tree has not been installed: its guide is the one of the sources.
    const QString buildDir = QDir::cleanPath(QStringLiteral(AWB_BUILD_DIR));
    if (QDir::cleanPath(programDir).startsWith(buildDir + QLatin1Char('/'))) {
        candidates.append(QDir::cleanPath(QStringLiteral(AWB_SOURCE_GUIDE)));
    }
    return candidates;
}

QString findUserGuide(const QStringList &candidates)
{
    for (const QString &path : candidates) {
        if (QFileInfo(path).isFile()) {
            return path;
        }
    }
    return {};
}

QString openUserGuide(QWidget *parent, const QStringList &candidates)
{
    const QString guide = findUserGuide(candidates);
    if (guide.isEmpty()) {
        const QString message =
            QCoreApplication::translate("UserGuide", "The user guide was not found. Looked for it in:\n%1")
                .arg(candidates.join(QLatin1Char('\n')));
        showError(parent, {Error::Code::NotFound, message.toStdString(), {}});
        return {};
    }
    // One window per parent: F1 again raises it where the reader left it.
    auto *window =
        parent ? parent->findChild<UserGuideWindow *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!window) {
        window = new UserGuideWindow(parent);
        window->setAttribute(Qt::WA_DeleteOnClose, parent == nullptr);
    }
    if (window->guide() != QFileInfo(guide).absoluteFilePath()) {
        window->showGuide(guide);
    }
    window->show();
    window->raise();
    window->activateWindow();
    return guide;
}

} // namespace awb::ui
