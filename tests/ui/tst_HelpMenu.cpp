// SPDX-License-Identifier: GPL-3.0-or-later
// The Help menu: User guide (F1) shows the guide of the source tree from the build tree inside the
// application (pictures, links within the guide; other links go to the desktop), or says where it looked;
// About lists the version, the licence and each library with its version; About Qt is there.
#include "UiTestUtil.h"
#include "main/AboutDialog.h"
#include "main/MainWindow.h"
#include "main/ShowError.h"
#include "main/UserGuide.h"
#include "main/UserGuideWindow.h"
#include "settings/Settings.h"

#include <sqlite3.h>

#include <QAction>
#include <QDesktopServices>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QPointer>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFragment>
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
        QDesktopServices::setUrlHandler(QStringLiteral("https"), this, "openUrl");
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
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

    void f1ShowsTheGuideInTheApplication()
    {
        QCOMPARE(child<QAction>(m_window.get(), "userGuideAction")->shortcut(), QKeySequence(Qt::Key_F1));
        ui::UserGuideWindow *window = pressF1();
        QVERIFY(window);
        QVERIFY(window->isVisible());
        QVERIFY2(m_errors.empty(), m_errors.empty() ? "" : m_errors.front().message.c_str());
        QVERIFY2(m_opened.isEmpty(), "the guide is shown here, not handed to the desktop");
        const QFileInfo guide(window->guide());
        QVERIFY2(guide.isFile(), qPrintable(guide.filePath()));
        QVERIFY2(guide.filePath().endsWith(QStringLiteral("/docs/guide/README.md")),
                 qPrintable(guide.filePath()));
        QTextBrowser *browser = child<QTextBrowser>(window, "userGuideBrowser");
        const QTextBlock title = browser->document()->firstBlock();
        QCOMPARE(title.text(), QStringLiteral("Audience Workbench user guide"));
        QCOMPARE(title.blockFormat().headingLevel(), 1);
        QCOMPARE(window->windowTitle(), title.text());
        // Rendered, not shown as Markdown source.
        QVERIFY(!browser->toPlainText().contains(QStringLiteral("](images/")));
        const QStringList images = imageNames(browser->document());
        QVERIFY2(images.size() >= 3, qPrintable(images.join(u' ')));
        QVERIFY2(loaded(browser->document(), images.front()), qPrintable(images.front()));
        for (const QSize size : {QSize(1280, 800), QSize(900, 600)}) {
            window->resize(size);
            test::maybeScreenshot(window,
                                  QStringLiteral("user-guide-%1x%2").arg(size.width()).arg(size.height()));
        }
    }

    void f1AgainRaisesTheSameWindow()
    {
        ui::UserGuideWindow *first = pressF1();
        QVERIFY(first);
        first->close();
        QVERIFY(!first->isVisible());
        QCOMPARE(pressF1(), first);
        QVERIFY(first->isVisible());
        QCOMPARE(m_window->findChildren<ui::UserGuideWindow *>().size(), 1);
    }

    void linksWithinTheGuideStayAndOthersGoToTheDesktop()
    {
        ui::UserGuideWindow *window = pressF1();
        QVERIFY(window);
        window->resize(900, 600);
        QTextBrowser *browser = child<QTextBrowser>(window, "userGuideBrowser");
        QCOMPARE(browser->verticalScrollBar()->value(), 0);
        emit browser->anchorClicked(QUrl(QStringLiteral("#9-export-to-mailchimp-and-meta")));
        QVERIFY(browser->verticalScrollBar()->value() > 0);
        QCOMPARE(window->guide(), QFileInfo(window->guide()).absoluteFilePath());
        QVERIFY(m_opened.isEmpty());

        emit browser->anchorClicked(QUrl(QStringLiteral("https://example.org/help")));
        emit browser->anchorClicked(QUrl(QStringLiteral("make-screenshots.sh")));
        QCOMPARE(m_opened.size(), 2);
        QCOMPARE(m_opened.at(0), QUrl(QStringLiteral("https://example.org/help")));
        QCOMPARE(m_opened.at(1).toLocalFile(),
                 QFileInfo(window->guide()).dir().filePath(QStringLiteral("make-screenshots.sh")));
        QVERIFY(window->guide().endsWith(QStringLiteral("/docs/guide/README.md")));
    }

    void aMissingGuideSaysWhereItLooked()
    {
        const QStringList candidates = {m_dir.filePath(QStringLiteral("a/README.md")),
                                        m_dir.filePath(QStringLiteral("b/README.md"))};
        QCOMPARE(ui::openUserGuide(m_window.get(), candidates), QString());
        QVERIFY(m_opened.isEmpty());
        QVERIFY(!m_window->findChild<ui::UserGuideWindow *>());
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
    /// Presses F1 in the active main window; the guide window it shows (nullptr when none).
    ui::UserGuideWindow *pressF1()
    {
        m_window->show();
        m_window->activateWindow();
        if (!QTest::qWaitForWindowActive(m_window.get())) {
            return nullptr;
        }
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        return m_window->findChild<ui::UserGuideWindow *>(QStringLiteral("userGuideWindow"));
    }

    static QStringList imageNames(const QTextDocument *doc)
    {
        QStringList names;
        for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                if (it.fragment().charFormat().isImageFormat()) {
                    names << it.fragment().charFormat().toImageFormat().name();
                }
            }
        }
        return names;
    }

    /// Whether the document could load the picture (as the bytes of a file, or already decoded).
    static bool loaded(const QTextDocument *doc, const QString &name)
    {
        const QVariant resource = doc->resource(QTextDocument::ImageResource, QUrl(name));
        if (resource.userType() == QMetaType::QByteArray) {
            return !QImage::fromData(resource.toByteArray()).isNull();
        }
        if (resource.userType() == QMetaType::QPixmap) {
            return !resource.value<QPixmap>().isNull();
        }
        return resource.userType() == QMetaType::QImage && !resource.value<QImage>().isNull();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<settings::Settings> m_settings;
    std::unique_ptr<ui::MainWindow> m_window;
    std::vector<Error> m_errors;
    QList<QUrl> m_opened;
};

QTEST_MAIN(TestHelpMenu)
#include "tst_HelpMenu.moc"
