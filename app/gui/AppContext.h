// SPDX-License-Identifier: GPL-3.0-or-later
// Start-up of the GUI: command line, settings, the main window, the first workspace.
#pragma once

#include "gui/ScreenshotMode.h"
#include "settings/Settings.h"

#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace awb::ui {
class MainWindow;
}

namespace awb::app {

struct GuiOptions
{
    QString workspace;            ///< positional argument; empty = last workspace or the sample
    bool sample = false;          ///< open the sample workspace (generated on first use)
    ScreenshotOptions screenshot; ///< render a page to PNG once the workspace is shown, then exit
};

/// True when argv asks for the offscreen platform (--offscreen, or only --help / --version); checked
/// before QApplication exists.
bool wantsOffscreen(int argc, char **argv);

/// Owns what the GUI needs for its lifetime and passes it down by reference (no singletons).
class AppContext
{
public:
    AppContext();
    ~AppContext();

    /// Parses the application's arguments (exits on --help, --version or a bad option).
    static GuiOptions parseOptions(const QStringList &arguments);
    /// Shows the main window, opens the first workspace and runs the event loop; returns the exit code.
    int run(const GuiOptions &options);

    /// Where the generated sample workspace lives (AppDataLocation/sample.awb).
    static QString samplePath();

private:
    void openFirstWorkspace(const GuiOptions &options);
    /// File > New window: another main window, without a workspace, closed on its own.
    void openNewWindow();
    void watchWindow(ui::MainWindow *window);

    settings::Settings m_settings;
    std::unique_ptr<ui::MainWindow> m_window;
    std::vector<QPointer<ui::MainWindow>> m_moreWindows;
    std::unique_ptr<ScreenshotMode> m_screenshot;
};

} // namespace awb::app
