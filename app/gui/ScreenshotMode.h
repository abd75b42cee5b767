// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshot mode of the GUI: shows the page asked for (an audience, a segment, a builder with its target
// or template, the export dialog), waits for its background work, renders the window to PNG and exits.
#pragma once

#include "gui/ScreenshotOptions.h"

#include <QPointer>

#include <functional>

class QDialog;
class QImage;

namespace awb::ui {
class MainWindow;
class SegmentBuilder;
} // namespace awb::ui

namespace awb::app {

class ScreenshotMode
{
public:
    ScreenshotMode(ui::MainWindow &window, ScreenshotOptions options);

    /// Sizes the window, turns error messages into a line on stderr and exit code 1, and renders the page
    /// once the workspace's counts are shown; gives up with exit code 2 when that takes too long.
    void arm();

private:
    /// Shows the page, then calls ready (at once, or once its background work is done).
    void preparePage(const std::function<void()> &ready);
    void prepareAudience();
    void prepareAudienceBuilder(const std::function<void()> &ready);
    void prepareSegment(const std::function<void()> &ready);
    void prepareSegmentTemplate(const std::function<void()> &ready);
    /// Once the builder shows its next count: selects the --insight tab, then calls ready.
    void whenCountShown(ui::SegmentBuilder *builder, const std::function<void()> &ready);
    /// Selects the --insight tab of the segment builder.
    void showInsight();
    /// Draws the dialog (the export dialog) over the window's picture.
    void drawDialog(QImage &image) const;
    bool save();

    ui::MainWindow &m_window;
    ScreenshotOptions m_options;
    QPointer<QDialog> m_dialog; ///< drawn centred over the window (the export dialog)
};

} // namespace awb::app
