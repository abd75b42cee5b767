// SPDX-License-Identifier: GPL-3.0-or-later
// The audience-workbench executable in screenshot mode: renders a workspace to PNG and exits 0, or
// reports a bad file on stderr and exits 1.
#include "TestUtil.h"
#include "TestWorkspaces.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;

class TestGuiApp : public QObject
{
    Q_OBJECT

private slots:
    void screenshotMode_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<bool>("validWorkspace");
        QTest::newRow("events") << QStringLiteral("events") << true;
        QTest::newRow("profile page") << QStringLiteral("profile") << true;
        QTest::newRow("segments placeholder") << QStringLiteral("segments") << true;
        QTest::newRow("not a workspace") << QStringLiteral("events") << false;
    }

    void screenshotMode()
    {
        QFETCH(QString, page);
        QFETCH(bool, validWorkspace);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString workspace = test::workspacePath(dir.path(), QStringLiteral("shot"));
        if (validWorkspace) {
            test::buildBrowseWorkspace(workspace.toStdString(), 12, 6);
        } else {
            test::writeFile(workspace, "not a database\n");
        }
        const QString png = dir.filePath(QStringLiteral("shot.png"));

        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Keep the user's settings and data out of it.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(AWB_GUI_EXECUTABLE),
                  {QStringLiteral("--offscreen"), QStringLiteral("--screenshot"), png,
                   QStringLiteral("--page"), page, workspace});
        QVERIFY(app.waitForFinished(30000));
        const QString errors = QString::fromUtf8(app.readAllStandardError());
        if (!validWorkspace) {
            QCOMPARE(app.exitCode(), 1);
            QVERIFY2(errors.contains(QStringLiteral("not an Audience Workbench workspace")),
                     qPrintable(errors));
            QVERIFY(!QFile::exists(png));
            return;
        }
        QVERIFY2(app.exitCode() == 0, qPrintable(errors));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 800));
    }
};

QTEST_GUILESS_MAIN(TestGuiApp)
#include "tst_GuiApp.moc"
