// SPDX-License-Identifier: GPL-3.0-or-later
// Settings: typed keys with defaults, persistence, recent workspaces, change notification, versioning.
#include "settings/Settings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace awb::settings;

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(QStringLiteral("settings.ini"));
    }

    void unsetKeysReturnTheirDefaults()
    {
        Settings settings(m_file);
        QCOMPARE(settings.value(keys::TablePageSize), keys::TablePageSize.defaultValue);
        QCOMPARE(settings.value(keys::LastWorkspace), QString());
        QCOMPARE(settings.value(keys::RecentWorkspaces), QStringList());
        QVERIFY(settings.value(keys::WindowGeometry).isEmpty());
    }

    void valuesSurviveARestart()
    {
        const QByteArray geometry("\x01\x02\xff geometry", 12);
        {
            Settings settings(m_file);
            settings.setValue(keys::LastWorkspace, QStringLiteral("/data/shop.awb"));
            settings.setValue(keys::WindowGeometry, geometry);
            settings.setValue(keys::TablePageSize, 128);
            settings.setValue(keys::RecentWorkspaces, QStringList{QStringLiteral("/a.awb")});
            settings.sync();
        }
        Settings settings(m_file);
        QCOMPARE(settings.value(keys::LastWorkspace), QStringLiteral("/data/shop.awb"));
        QCOMPARE(settings.value(keys::WindowGeometry), geometry);
        QCOMPARE(settings.value(keys::TablePageSize), 128);
        QCOMPARE(settings.value(keys::RecentWorkspaces), QStringList{QStringLiteral("/a.awb")});
    }

    void recentWorkspacesAreMostRecentFirstWithoutDuplicates()
    {
        Settings settings(m_file);
        settings.setValue(keys::MaxRecentWorkspaces, 3);
        for (const char *path : {"/w/a.awb", "/w/b.awb", "/w/c.awb", "/w/d.awb", "/w/b.awb"}) {
            settings.addRecentWorkspace(QString::fromLatin1(path));
        }
        QCOMPARE(settings.value(keys::RecentWorkspaces),
                 (QStringList{QStringLiteral("/w/b.awb"), QStringLiteral("/w/d.awb"),
                              QStringLiteral("/w/c.awb")}));
        settings.addRecentWorkspace(QStringLiteral("/w/./c.awb"));
        QCOMPARE(settings.value(keys::RecentWorkspaces).first(), QStringLiteral("/w/c.awb"));
        QCOMPARE(settings.value(keys::RecentWorkspaces).size(), 3);
        settings.removeRecentWorkspace(QStringLiteral("/w/d.awb"));
        QCOMPARE(settings.value(keys::RecentWorkspaces),
                 (QStringList{QStringLiteral("/w/c.awb"), QStringLiteral("/w/b.awb")}));
    }

    void changesAreAnnouncedWithTheKeyName()
    {
        Settings settings(m_file);
        QSignalSpy changed(&settings, &Settings::changed);
        settings.setValue(keys::LastImportDirectory, QStringLiteral("/imports"));
        settings.remove(keys::LastImportDirectory);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("Import/lastDirectory"));
        QCOMPARE(settings.value(keys::LastImportDirectory), QString());
    }

    void aNewStoreIsStampedWithTheCurrentVersion()
    {
        {
            Settings settings(m_file);
            settings.sync();
        }
        QSettings raw(m_file, QSettings::IniFormat);
        QCOMPARE(raw.value(QStringLiteral("Meta/version")).toInt(), Settings::kCurrentVersion);
    }

    void aWrongTypeFallsBackToTheDefault()
    {
        {
            QSettings raw(m_file, QSettings::IniFormat);
            raw.setValue(QStringLiteral("Table/pageSize"), QStringLiteral("lots"));
        }
        Settings settings(m_file);
        QCOMPARE(settings.value(keys::TablePageSize), keys::TablePageSize.defaultValue);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_Settings.moc"
