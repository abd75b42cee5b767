// SPDX-License-Identifier: GPL-3.0-or-later
// Start-up of the GUI: command line, settings, the main window, the first workspace, screenshot mode.
#pragma once

#include "settings/Settings.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace awb::ui {
class MainWindow;
}

namespace awb::app {

struct GuiOptions
{
    QString workspace;   ///< positional argument; empty = last workspace or the sample
    bool sample = false; ///< open the sample workspace (generated on first use)
    QString screenshot;  ///< render the main window to this PNG once the workspace is shown, then exit
    QString page;        ///< events | profiles | profile | catalog | audiences | audience |
                         ///< audience-builder | segments
    QSize windowSize{1280, 800}; ///< of the screenshot
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
    void armScreenshot(const GuiOptions &options);
    /// Shows the page the screenshot is of, then calls ready (at once, or once its background work is done).
    void preparePage(const GuiOptions &options, const std::function<void()> &ready);
    bool saveScreenshot(const GuiOptions &options);

    settings::Settings m_settings;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace awb::app
