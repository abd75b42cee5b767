// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/Settings.h"

#include <QDir>

#include <functional>
#include <vector>

namespace awb::settings {

namespace {

struct UpgradeStep
{
    int toVersion;
    std::function<void(QSettings &)> apply;
};

// Append-only, like the workspace migrations. Version 1 is the first layout: nothing to convert.
const std::vector<UpgradeStep> &upgradeSteps()
{
    static const std::vector<UpgradeStep> steps = {
        {1, [](QSettings &) {}},
    };
    return steps;
}

} // namespace

Settings::Settings(QObject *parent) : QObject(parent), m_store(std::make_unique<QSettings>())
{
    upgrade();
}

Settings::Settings(const QString &iniPath, QObject *parent)
    : QObject(parent), m_store(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
    upgrade();
}

Settings::~Settings() = default;

void Settings::upgrade()
{
    const int from = value(keys::MetaVersion);
    for (const UpgradeStep &step : upgradeSteps()) {
        if (step.toVersion > from) {
            step.apply(*m_store);
            m_store->setValue(QLatin1String(keys::MetaVersion.name), step.toVersion);
        }
    }
}

void Settings::addRecentWorkspace(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    QStringList recent = value(keys::RecentWorkspaces);
    recent.removeAll(clean);
    recent.prepend(clean);
    const int max = qMax(1, value(keys::MaxRecentWorkspaces));
    while (recent.size() > max) {
        recent.removeLast();
    }
    setValue(keys::RecentWorkspaces, recent);
}

void Settings::removeRecentWorkspace(const QString &path)
{
    QStringList recent = value(keys::RecentWorkspaces);
    if (recent.removeAll(QDir::cleanPath(path)) > 0) {
        setValue(keys::RecentWorkspaces, recent);
    }
}

void Settings::sync()
{
    m_store->sync();
}

QString Settings::location() const
{
    return m_store->fileName();
}

} // namespace awb::settings
