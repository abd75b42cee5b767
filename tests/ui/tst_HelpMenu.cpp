// SPDX-License-Identifier: GPL-3.0-or-later
// The Help menu: User guide (F1) opens the guide of the source tree from the build tree, or says where it
// looked; About lists the version, the licence and each library with its version; About Qt is there.
#include "UiTestUtil.h"
#include "main/AboutDialog.h"
#include "main/MainWindow.h"
#include "main/ShowError.h"
#include "main/UserGuide.h"
#include "settings/Settings.h"

#include <sqlite3.h>

#include <QAction>
#include <QDesktopServices>
#include <QFileInfo>
#include <QLabel>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUrl>

using namespace awb;
using awb::test::child;

class TestHelpMenu : public QObject
{
    Q_OBJECT

public slots:
    /// Stands in for the desktop's viewer (QDesktopServices::setUrlHandler).
    void openUrl(const QUrl &url) { m_opened.append(url); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::setErrorHandler([this](QWidget *, const Error &e) { m_errors.push_back(e); });
        QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        ui::setErrorHandler({});
    }

    void init()
    {
        m_errors.clear();
        m_opened.clear();
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<settings::Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_window = std::make_unique<ui::MainWindow>(*m_settings);
    }

    void cleanup()
    {
        m_window.reset();
        m_settings.reset();
    }

    void userGuideOpensTheSourceGuideFromTheBuildTree()
    {
        auto *action = child<QAction>(m_window.get(), "userGuideAction");
        QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F1));
        action->trigger();
        QVERIFY2(m_errors.empty(), m_errors.empty() ? "" : m_errors.front().message.c_str());
        QCOMPARE(m_opened.size(), 1);
        const QFileInfo guide(m_opened.front().toLocalFile());
        QVERIFY2(guide.isFile(), qPrintable(guide.filePath()));
        QVERIFY2(guide.filePath().endsWith(QStringLiteral("/docs/guide/README.md")),
                 qPrintable(guide.filePath()));
        // The guide's pictures are next to it.
        QVERIFY(QFileInfo(guide.dir().filePath(QStringLiteral("images"))).isDir());
    }

    void aMissingGuideSaysWhereItLooked()
    {
        const QStringList candidates = {m_dir.filePath(QStringLiteral("a/README.md")),
                                        m_dir.filePath(QStringLiteral("b/README.md"))};
        QCOMPARE(ui::openUserGuide(m_window.get(), candidates), QString());
        QVERIFY(m_opened.isEmpty());
        QCOMPARE(int(m_errors.size()), 1);
        QCOMPARE(m_errors.front().code, Error::Code::NotFound);
        const QString message = QString::fromStdString(m_errors.front().message);
        QVERIFY2(message.contains(QStringLiteral("user guide was not found")), qPrintable(message));
        for (const QString &path : candidates) {
            QVERIFY2(message.contains(path), qPrintable(message));
        }
    }

    void theInstalledGuideComesFirst()
    {
        const QStringList candidates = ui::userGuideCandidates();
        QVERIFY(candidates.size() >= 2);
        QVERIFY2(candidates.front().endsWith(QStringLiteral("/share/doc/audience-workbench/guide/README.md")),
                 qPrintable(candidates.front()));
        QVERIFY(candidates.back().endsWith(QStringLiteral("/docs/guide/README.md")));
    }

    void aboutListsVersionLicenceAndEachLibrary()
    {
        child<QAction>(m_window.get(), "aboutAction")->trigger();
        QPointer<QDialog> dialog = child<QDialog>(m_window.get(), "aboutDialog");
        QVERIFY(dialog->isVisible());
        const QString text = child<QLabel>(dialog, "aboutText")->text();
        QVERIFY2(text.contains(QStringLiteral("Audience Workbench " AWB_VERSION)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("GPL-3.0-or-later")));
        QVERIFY(text.contains(QStringLiteral("NO WARRANTY")));

        auto *table = child<QTableWidget>(dialog, "aboutLibrariesTable");
        QMap<QString, QString> shown;
        for (int row = 0; row < table->rowCount(); ++row) {
            shown.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
        }
        const QRegularExpression version(QStringLiteral("^\\d+\\.\\d+(\\.\\d+)?"));
        for (const char *library :
             {"Qt", "SQLite", "simdjson", "Eigen", "xxHash", "zlib", "liblzma", "QCustomPlot"}) {
            const QString name = QLatin1String(library);
            QVERIFY2(shown.contains(name), library);
            QVERIFY2(version.match(shown.value(name)).hasMatch(),
                     qPrintable(name + u' ' + shown.value(name)));
        }
        // Shared libraries report the version loaded now.
        QCOMPARE(shown.value(QStringLiteral("Qt")), QString::fromLatin1(qVersion()));
        QCOMPARE(shown.value(QStringLiteral("SQLite")), QString::fromLatin1(sqlite3_libversion()));
        test::maybeScreenshot(dialog, QStringLiteral("about-dialog"));
        dialog->close();
        QVERIFY(dialog.isNull() || !dialog->isVisible());
    }

    void aboutQtIsOffered()
    {
        auto *action = child<QAction>(m_window.get(), "aboutQtAction");
        QCOMPARE(action->menuRole(), QAction::AboutQtRole);
        QVERIFY(action->isEnabled());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<settings::Settings> m_settings;
    std::unique_ptr<ui::MainWindow> m_window;
    std::vector<Error> m_errors;
    QList<QUrl> m_opened;
};

QTEST_MAIN(TestHelpMenu)
#include "tst_HelpMenu.moc"
