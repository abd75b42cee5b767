// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/AppContext.h"

#include "main/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

#include <cstring>

namespace awb::app {

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

AppContext::~AppContext()
{
    // Windows opened with New window and still open hold a reference to m_settings.
    for (const QPointer<ui::MainWindow> &window : m_moreWindows) {
        delete window.data();
    }
}

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
    parser.addOptions({offscreen, sample});
    addScreenshotOptions(parser);
    parser.process(arguments);
    GuiOptions options;
    options.workspace = parser.positionalArguments().value(0);
    options.sample = parser.isSet(sample);
    options.screenshot = readScreenshotOptions(parser);
    return options;
}

QString AppContext::samplePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/sample.awb");
}

int AppContext::run(const GuiOptions &options)
{
    m_window = std::make_unique<ui::MainWindow>(m_settings);
    watchWindow(m_window.get());
    if (!options.screenshot.file.isEmpty()) {
        m_screenshot = std::make_unique<ScreenshotMode>(*m_window, options.screenshot);
        m_screenshot->arm();
    }
    m_window->show();
    // From inside the event loop, so that a failure in screenshot mode can end it.
    QTimer::singleShot(0, m_window.get(), [this, options] { openFirstWorkspace(options); });
    return QApplication::exec();
}

void AppContext::watchWindow(ui::MainWindow *window)
{
    QObject::connect(window, &ui::MainWindow::newWindowRequested, window, [this] { openNewWindow(); });
}

void AppContext::openNewWindow()
{
    auto *window = new ui::MainWindow(m_settings);
    window->setAttribute(Qt::WA_DeleteOnClose);
    watchWindow(window);
    m_moreWindows.emplace_back(window);
    window->show();
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

} // namespace awb::app
