// SPDX-License-Identifier: GPL-3.0-or-later
// The export folder (issue 12): the last folder used, remembered across settings objects; else the documents
// folder, created when missing (it may not exist on a fresh account); else the home folder.
#include "settings/ExportFolder.h"
#include "settings/Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace awb::settings;

class TestExportFolder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_home = qgetenv("HOME");
        m_configHome = qgetenv("XDG_CONFIG_HOME");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        // A home of its own: the documents folder is HOME/Documents unless user-dirs.dirs names another.
        m_fakeHome = m_dir->filePath(QStringLiteral("home"));
        QVERIFY(QDir().mkpath(m_fakeHome));
        qputenv("HOME", QFile::encodeName(m_fakeHome));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir->filePath(QStringLiteral("config"))));
        m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    }

    void cleanup()
    {
        m_settings.reset();
        QStandardPaths::setTestModeEnabled(true);
        qputenv("HOME", m_home);
        m_configHome.isEmpty() ? qunsetenv("XDG_CONFIG_HOME") : qputenv("XDG_CONFIG_HOME", m_configHome);
    }

    void theMissingDocumentsFolderIsCreated()
    {
        const QString documents = m_fakeHome + QStringLiteral("/Documents");
        QVERIFY(!QFileInfo::exists(documents));
        QCOMPARE(exportFolder(*m_settings), documents);
        QVERIFY(QFileInfo(documents).isDir());
    }

    void theDesktopsDocumentsFolderIsUsed()
    {
        // XDG_DOCUMENTS_DIR as the desktop writes it; Qt reads user-dirs.dirs outside its test mode only.
        const QString config = m_dir->filePath(QStringLiteral("config"));
        QVERIFY(QDir().mkpath(config));
        QFile dirs(config + QStringLiteral("/user-dirs.dirs"));
        QVERIFY(dirs.open(QIODevice::WriteOnly));
        dirs.write("XDG_DOCUMENTS_DIR=\"$HOME/Papers\"\n");
        dirs.close();
        QStandardPaths::setTestModeEnabled(false);
        const QString documents = m_fakeHome + QStringLiteral("/Papers");
        QCOMPARE(exportFolder(*m_settings), documents);
        QVERIFY(QFileInfo(documents).isDir());
    }

    void homeWhenTheDocumentsFolderCannotBeCreated()
    {
        QFile blocker(m_fakeHome + QStringLiteral("/Documents"));
        QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the folder should be
        blocker.close();
        QCOMPARE(exportFolder(*m_settings), QDir::homePath());
    }

    void theLastFolderIsRememberedAcrossANewSettingsObject()
    {
        const QString chosen = m_dir->filePath(QStringLiteral("exports"));
        QVERIFY(QDir().mkpath(chosen));
        rememberExportFolder(*m_settings, chosen + QStringLiteral("/"));
        m_settings->sync();
        m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
        QCOMPARE(exportFolder(*m_settings), chosen);
        QCOMPARE(m_settings->value(keys::LastExportDirectory), chosen);
    }

    void aRememberedFolderThatIsGoneFallsBackToDocuments()
    {
        rememberExportFolder(*m_settings, m_dir->filePath(QStringLiteral("gone")));
        QCOMPARE(exportFolder(*m_settings), m_fakeHome + QStringLiteral("/Documents"));
    }

    void anEmptyFolderIsNotRemembered()
    {
        const QString chosen = m_dir->filePath(QStringLiteral("kept"));
        QVERIFY(QDir().mkpath(chosen));
        rememberExportFolder(*m_settings, chosen);
        rememberExportFolder(*m_settings, QStringLiteral("  "));
        QCOMPARE(exportFolder(*m_settings), chosen);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    QString m_fakeHome;
    QByteArray m_home;
    QByteArray m_configHome;
};

QTEST_GUILESS_MAIN(TestExportFolder)
#include "tst_ExportFolder.moc"
