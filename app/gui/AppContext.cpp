// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/AppContext.h"

#include "audiences/AudienceBuilder.h"
#include "audiences/AudienceListModel.h"
#include "audiences/AudiencesArea.h"
#include "audiences/TargetPicker.h"
#include "catalog/CatalogArea.h"
#include "common/Error.h"
#include "data/DataArea.h"
#include "main/MainWindow.h"
#include "main/ShowError.h"
#include "main/WorkspaceController.h"
#include "models/ProfileTableModel.h"
#include "segments/LiveEvaluation.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentListModel.h"
#include "segments/SegmentsArea.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace awb::app {

namespace {
// A screenshot run that has not produced its picture by then gives up (e.g. a failing workspace).
constexpr int kScreenshotTimeoutMs = 180'000;

void printError(const Error &error)
{
    std::fprintf(stderr, "audience-workbench: %s\n", error.message.c_str());
}
// A profile worth showing: the first one with an email among the first rows (else the first one).
qint64 firstProfileWithEmail(const ui::ProfileTableModel &profiles)
{
    const int rows = qMin(profiles.rowCount(), 200);
    for (int row = 0; row < rows; ++row) {
        if (!profiles.index(row, ui::ProfileTableModel::EmailColumn).data().toString().isEmpty()) {
            return profiles.index(row, 0).data(ui::ProfileTableModel::IdRole).toLongLong();
        }
    }
    return profiles.index(0, 0).data(ui::ProfileTableModel::IdRole).toLongLong();
}
} // namespace

bool wantsOffscreen(int argc, char **argv)
{
    // --help and --version only print: they must work without a display too.
    for (const char *flag : {"--offscreen", "--help", "-h", "--help-all", "--version", "-v"}) {
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], flag) == 0) {
                return true;
            }
        }
    }
    return false;
}

AppContext::AppContext() = default;
AppContext::~AppContext() = default;

GuiOptions AppContext::parseOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Audience Workbench: audiences from customer event data."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"),
                                 QStringLiteral("Workspace file (.awb) to open."),
                                 QStringLiteral("[workspace]"));
    const QCommandLineOption offscreen(QStringLiteral("offscreen"), QStringLiteral("Run without a display."));
    const QCommandLineOption sample(QStringLiteral("sample"),
                                    QStringLiteral("Open the sample workspace (generated on first use)."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window to FILE.png once the workspace is "
                       "shown, then exit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral("Page to show: events, profiles, profile, catalog, audiences, audience (the "
                       "newest one), audience-builder (scoring the top value at 5%), segment-list, segment "
                       "(the newest one) or segments (the builder counting the lapsed-vips template)."),
        QStringLiteral("name"), QStringLiteral("events"));
    const QCommandLineOption size(QStringLiteral("window-size"),
                                  QStringLiteral("Window size of the screenshot (default 1280x800)."),
                                  QStringLiteral("WxH"), QStringLiteral("1280x800"));
    parser.addOptions({offscreen, sample, screenshot, page, size});
    parser.process(arguments);
    GuiOptions options;
    options.workspace = parser.positionalArguments().value(0);
    options.sample = parser.isSet(sample);
    options.screenshot = parser.value(screenshot);
    options.page = parser.value(page);
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    const int w = wh.value(0).toInt();
    const int h = wh.value(1).toInt();
    if (wh.size() != 2 || w < 320 || h < 240) {
        std::fputs("audience-workbench: --window-size wants WxH, at least 320x240 (e.g. 1280x800)\n", stderr);
        std::exit(2);
    }
    options.windowSize = QSize(w, h);
    return options;
}

QString AppContext::samplePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/sample.awb");
}

int AppContext::run(const GuiOptions &options)
{
    m_window = std::make_unique<ui::MainWindow>(m_settings);
    if (!options.screenshot.isEmpty()) {
        // Message boxes would wait for a click nobody makes: report on stderr and fail instead.
        ui::setErrorHandler([](QWidget *, const Error &error) {
            printError(error);
            QCoreApplication::exit(1);
        });
        m_window->resize(options.windowSize);
        armScreenshot(options);
    }
    m_window->show();
    // From inside the event loop, so that a failure in screenshot mode can end it.
    QTimer::singleShot(0, m_window.get(), [this, options] { openFirstWorkspace(options); });
    return QApplication::exec();
}

void AppContext::openFirstWorkspace(const GuiOptions &options)
{
    QString path = options.workspace;
    if (path.isEmpty() && !options.sample) {
        const QString last = m_settings.value(settings::keys::LastWorkspace);
        path = QFileInfo::exists(last) ? last : QString();
    }
    if (path.isEmpty() && QFileInfo::exists(samplePath())) {
        path = samplePath();
    }
    if (!path.isEmpty()) {
        m_window->openWorkspace(path);
        return;
    }
    m_window->createSampleWorkspace(samplePath());
}

void AppContext::armScreenshot(const GuiOptions &options)
{
    QObject::connect(m_window.get(), &ui::MainWindow::workspaceInfoShown, m_window.get(), [this, options] {
        // Let the layouts take the new texts and counts in before painting.
        QTimer::singleShot(0, m_window.get(), [this, options] {
            preparePage(options, [this, options] {
                QTimer::singleShot(0, m_window.get(), [this, options] {
                    QCoreApplication::exit(saveScreenshot(options) ? 0 : 1);
                });
            });
        });
    });
    QTimer::singleShot(kScreenshotTimeoutMs, m_window.get(), [] {
        std::fputs("audience-workbench: the workspace did not load in time for the screenshot\n", stderr);
        QCoreApplication::exit(2);
    });
}

void AppContext::preparePage(const GuiOptions &options, const std::function<void()> &ready)
{
    const QString page = options.page.toLower();
    ui::DataArea *data = m_window->dataArea();
    ui::AudiencesArea *audiences = m_window->audiencesArea();
    if (page == QLatin1String("catalog")) {
        m_window->showPage(ui::MainWindow::Page::Catalog);
    } else if (page == QLatin1String("audiences")) {
        m_window->showPage(ui::MainWindow::Page::Audiences);
    } else if (page == QLatin1String("audience")) {
        m_window->showPage(ui::MainWindow::Page::Audiences);
        const auto &list = audiences->listModel()->audiences();
        if (!list.empty()) {
            audiences->openAudience(QString::fromStdString(list.front().name));
        }
    } else if (page == QLatin1String("audience-builder")) {
        m_window->showPage(ui::MainWindow::Page::Audiences);
        ui::AudienceBuilder *builder = audiences->builder();
        const auto &columns = m_window->catalogArea()->columnValues();
        if (audiences->newAudience() && !columns.empty() && !columns.front().values.empty()) {
            builder->targetPicker()->setTarget(columns.front().column,
                                               QString::fromStdString(columns.front().values.front().value));
        }
        if (builder->score()) {
            QObject::connect(builder, &ui::AudienceBuilder::scoresShown, m_window.get(), ready);
            return;
        }
    } else if (page == QLatin1String("segment-list")) {
        // Showing the area computes the traits; the picture waits for the segments' counts.
        QObject::connect(&m_window->segmentsArea()->live(), &ui::LiveEvaluation::savedCounted, m_window.get(),
                         ready, Qt::SingleShotConnection);
        m_window->showPage(ui::MainWindow::Page::Segments);
        return;
    } else if (page == QLatin1String("segment")) {
        m_window->showPage(ui::MainWindow::Page::Segments);
        ui::SegmentsArea *segments = m_window->segmentsArea();
        const auto &saved = segments->listModel()->segments();
        const auto newest = std::max_element(saved.begin(), saved.end(), [](const auto &a, const auto &b) {
            return a.updatedAtMs < b.updatedAtMs;
        });
        if (newest != saved.end() && segments->openSegment(QString::fromStdString(newest->name))) {
            QObject::connect(segments->builder(), &ui::SegmentBuilder::countShown, m_window.get(), ready,
                             Qt::SingleShotConnection);
            return;
        }
    } else if (page == QLatin1String("segments")) {
        m_window->showPage(ui::MainWindow::Page::Segments);
        ui::SegmentsArea *segments = m_window->segmentsArea();
        segments->newSegment();
        // The traits are computed first; the picture waits for the template's count.
        QObject::connect(segments->builder(), &ui::SegmentBuilder::countShown, m_window.get(), ready,
                         Qt::SingleShotConnection);
        segments->builder()->applyTemplate(QStringLiteral("lapsed-vips"));
        return;
    } else if (page == QLatin1String("profiles")) {
        data->showTab(ui::DataArea::Tab::Profiles);
    } else if (page == QLatin1String("profile")) {
        data->openProfile(firstProfileWithEmail(*data->profilesModel()));
    }
    ready();
}

bool AppContext::saveScreenshot(const GuiOptions &options)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QString file = QFileInfo(options.screenshot).absoluteFilePath();
    if (!m_window->grab().save(file, "PNG")) {
        std::fprintf(stderr, "audience-workbench: cannot write %s\n", qPrintable(file));
        return false;
    }
    std::printf("Screenshot of %s written to %s\n", qPrintable(m_window->workspace().path()),
                qPrintable(file));
    return true;
}

} // namespace awb::app
