// SPDX-License-Identifier: GPL-3.0-or-later
// The audience-workbench executable in screenshot mode: renders a page of a workspace to PNG and exits 0,
// reports a bad file or a missing audience, segment or template on stderr and exits 1, and refuses bad
// options with exit code 2.
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
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<bool>("validWorkspace");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message"); // on stderr when the run fails
        const auto args = [](const char *text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); };
        QTest::newRow("events") << args("--page events") << true << 0 << QString();
        QTest::newRow("profile page") << args("--page profile") << true << 0 << QString();
        QTest::newRow("segments builder") << args("--page segments") << true << 0 << QString();
        QTest::newRow("template with a parameter, named")
            << args("--page segments --template new-visitors --param days=60 --segment Welcome") << true << 0
            << QString();
        QTest::newRow("not a workspace")
            << args("--page events") << false << 1 << QStringLiteral("not an Audience Workbench workspace");
        QTest::newRow("unknown page")
            << args("--page nowhere") << true << 2 << QStringLiteral("--page wants");
        QTest::newRow("bad size") << args("--page audience-builder --size 0") << true << 2
                                  << QStringLiteral("--size wants");
        QTest::newRow("bad target") << args("--page audience-builder --target Brand") << true << 2
                                    << QStringLiteral("--target wants COLUMN=VALUE");
        QTest::newRow("unknown export preset") << args("--page audience --export-dialog fax") << true << 2
                                               << QStringLiteral("no export preset 'fax'");
        QTest::newRow("builder without a catalog")
            << args("--page audience-builder") << true << 1 << QStringLiteral("no built catalog");
        QTest::newRow("no such audience")
            << args("--page audience --audience Missing") << true << 1 << QStringLiteral("Missing");
        QTest::newRow("no such segment")
            << args("--page segment --segment Missing") << true << 1 << QStringLiteral("Missing");
        QTest::newRow("unknown template")
            << args("--page segments --template nope") << true << 1 << QStringLiteral("nope");
    }

    void screenshotMode()
    {
        QFETCH(QStringList, options);
        QFETCH(bool, validWorkspace);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
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
                  QStringList{QStringLiteral("--offscreen"), QStringLiteral("--screenshot"), png} + options +
                      QStringList{workspace});
        QVERIFY(app.waitForFinished(30000));
        const QString errors = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(app.exitCode() == exitCode, qPrintable(errors));
        if (exitCode != 0) {
            QVERIFY2(errors.contains(message), qPrintable(errors));
            QVERIFY(!QFile::exists(png));
            return;
        }
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 800));
    }
};

QTEST_GUILESS_MAIN(TestGuiApp)
#include "tst_GuiApp.moc"
