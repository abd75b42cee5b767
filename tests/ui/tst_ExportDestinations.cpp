// SPDX-License-Identifier: GPL-3.0-or-later
// Export destinations (issue 12): the audience builder's destinations and the export dialog name each
// tool's product (from exports::presetList), start in the last folder used, else in the documents folder
// (created when missing), and remember the folder chosen for the next export and the next start.
#include "UiTestUtil.h"
#include "audiences/AudienceBuilder.h"
#include "audiences/ExportDialog.h"
#include "export/ExportPresets.h"
#include "settings/SettingKeys.h"
#include "settings/Settings.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace awb;
using awb::test::child;

class TestExportDestinations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // A home of its own before anything reads a path: the settings store and the documents folder
        // of this test live in it.
        QVERIFY(m_home.isValid());
        qputenv("HOME", QFile::encodeName(m_home.path()));
        qunsetenv("XDG_CONFIG_HOME");
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("awb-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ExportDestinations"));
    }

    void init()
    {
        settings::Settings store;
        store.remove(settings::keys::LastExportDirectory);
    }

    void destinationsShowProductNames()
    {
        ui::AudienceBuilder builder;
        auto *list = child<QListWidget>(&builder, "destinationsList");
        const auto presets = exports::presetList();
        QCOMPARE(list->count(), int(presets.size()));
        for (int i = 0; i < list->count(); ++i) {
            QCOMPARE(list->item(i)->text(), QString::fromStdString(presets[std::size_t(i)].name));
            QCOMPARE(list->item(i)->data(Qt::UserRole).toString(),
                     QString::fromStdString(presets[std::size_t(i)].id));
        }
        QVERIFY(
            !list->findItems(QStringLiteral("Meta custom audience (hashed)"), Qt::MatchExactly).isEmpty());
        QVERIFY(list->findItems(QStringLiteral("google-hashed"), Qt::MatchExactly).isEmpty());
    }

    void theExportDialogShowsProductNames()
    {
        ui::ExportDialog dialog(QStringLiteral("Top buyers"));
        auto *combo = child<QComboBox>(&dialog, "exportPresetCombo");
        dialog.setPreset(QStringLiteral("google-hashed"));
        QCOMPARE(combo->currentText(), QStringLiteral("Google Customer Match (hashed)"));
        QCOMPARE(QString::fromStdString(dialog.request().preset), QStringLiteral("google-hashed"));
        dialog.setPreset(QStringLiteral("generic"));
        QCOMPARE(combo->currentText(), QStringLiteral("Generic CSV"));
    }

    void theDocumentsFolderIsCreatedWhenMissing()
    {
        const QString documents = m_home.filePath(QStringLiteral("Documents"));
        QDir(documents).removeRecursively();
        ui::AudienceBuilder builder;
        QCOMPARE(child<QLineEdit>(&builder, "destinationFolderEdit")->text(), documents);
        QVERIFY(QFileInfo(documents).isDir());
        ui::ExportDialog dialog(QStringLiteral("Top buyers"));
        QCOMPARE(QFileInfo(child<QLineEdit>(&dialog, "exportFileEdit")->text()).absolutePath(), documents);
    }

    void theChosenFolderIsRememberedForTheNextExport()
    {
        const QString chosen = m_home.filePath(QStringLiteral("campaigns/october"));
        QVERIFY(QDir().mkpath(chosen));
        {
            ui::ExportDialog dialog(QStringLiteral("Top buyers"));
            child<QLineEdit>(&dialog, "exportFileEdit")->setText(chosen + QStringLiteral("/top.csv"));
            dialog.accept();
        }
        QCOMPARE(settings::Settings().value(settings::keys::LastExportDirectory), chosen);
        ui::ExportDialog next(QStringLiteral("Lapsed VIPs"));
        QCOMPARE(QFileInfo(child<QLineEdit>(&next, "exportFileEdit")->text()).absolutePath(), chosen);
        ui::AudienceBuilder builder;
        QCOMPARE(child<QLineEdit>(&builder, "destinationFolderEdit")->text(), chosen);
    }

    void aNewAudienceStartsInTheLastFolder()
    {
        ui::AudienceBuilder builder;
        const QString later = m_home.filePath(QStringLiteral("later"));
        QVERIFY(QDir().mkpath(later));
        ui::ExportDialog::rememberFolder(later);
        builder.reset();
        QCOMPARE(child<QLineEdit>(&builder, "destinationFolderEdit")->text(), later);
    }

    void screenshots()
    {
        ui::AudienceBuilder builder;
        ui::ExportDialog dialog(QStringLiteral("Top buyers"));
        for (const QSize size : {QSize(1280, 800), QSize(900, 600)}) {
            builder.resize(size);
            builder.show();
            const QString suffix = QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());
            test::maybeScreenshot(&builder, QStringLiteral("audience-builder") + suffix);
        }
        dialog.show();
        test::maybeScreenshot(&dialog, QStringLiteral("export-dialog"));
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(TestExportDestinations)
#include "tst_ExportDestinations.moc"
