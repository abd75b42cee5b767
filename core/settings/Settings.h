// SPDX-License-Identifier: GPL-3.0-or-later
// Typed access to the persistent application settings (a QSettings wrapper, QtCore only).
#pragma once

#include "settings/SettingKeys.h"

#include <QObject>
#include <QSettings>
#include <QVariant>

#include <memory>

namespace awb::settings {

/// Owns one QSettings store. Keys come only from SettingKeys.h. Not thread-safe: use from the UI thread.
class Settings : public QObject
{
    Q_OBJECT
public:
    /// The settings version this build writes (keys::MetaVersion).
    static constexpr int kCurrentVersion = 1;

    /// The platform store for QCoreApplication's organisation and application names.
    explicit Settings(QObject *parent = nullptr);
    /// An INI file at iniPath (tests, portable setups). Upgrades it like the default store.
    explicit Settings(const QString &iniPath, QObject *parent = nullptr);
    ~Settings() override;

    template <typename T> T value(const SettingKey<T> &key) const
    {
        // A stored value that does not convert (edited by hand, older layout) reads as the default.
        QVariant stored = m_store->value(QLatin1String(key.name));
        return stored.isValid() && stored.convert(QMetaType::fromType<T>()) ? stored.value<T>()
                                                                            : key.defaultValue;
    }

    template <typename T> void setValue(const SettingKey<T> &key, const T &value)
    {
        m_store->setValue(QLatin1String(key.name), QVariant::fromValue(value));
        emit changed(QString::fromLatin1(key.name));
    }

    template <typename T> void remove(const SettingKey<T> &key)
    {
        m_store->remove(QLatin1String(key.name));
        emit changed(QString::fromLatin1(key.name));
    }

    /// Puts path first in keys::RecentWorkspaces, removing duplicates and capping the list.
    void addRecentWorkspace(const QString &path);
    /// Removes path from keys::RecentWorkspaces (e.g. when the file is gone).
    void removeRecentWorkspace(const QString &path);

    /// Writes pending changes to permanent storage.
    void sync();
    /// Where the settings are stored (file path or registry key), for diagnostics.
    QString location() const;

signals:
    /// Emitted after a key was set or removed, with its "Group/key" name.
    void changed(const QString &key);

private:
    void upgrade();

    std::unique_ptr<QSettings> m_store;
};

} // namespace awb::settings
