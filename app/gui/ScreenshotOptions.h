// SPDX-License-Identifier: GPL-3.0-or-later
// The options of the GUI's screenshot mode: the PNG, the page, the window size and what the page shows.
#pragma once

#include <QSize>
#include <QString>

#include <map>
#include <string>

class QCommandLineParser;

namespace awb::app {

struct ScreenshotOptions
{
    QString file;                            ///< the PNG to write; empty = not in screenshot mode
    QString page = QStringLiteral("events"); ///< a page --help lists (events, profiles, …)
    QSize windowSize{1280, 800};
    QString audience;       ///< audience: the one shown (default the newest); audience-builder: name typed
    QString target;         ///< audience-builder: COLUMN=VALUE scored (default the first catalog value)
    double sizePercent = 0; ///< audience-builder: top percent chosen (0 = the builder's default, 5%)
    QString segment;        ///< segment: the saved one opened (default the newest); segments: name typed
    QString templateName = QStringLiteral("lapsed-vips"); ///< segments: the template applied
    std::map<std::string, std::string> params;            ///< segments: the template's parameters
    QString insight;      ///< segment, segments: the tab beside the rule (preview, rfm, overlap)
    QString exportPreset; ///< audience: the export dialog with this preset, drawn over the page
};

/// Adds --screenshot, --page, --window-size and the options that choose what the page shows.
void addScreenshotOptions(QCommandLineParser &parser);
/// Reads them after parser.process(); prints the problem and exits 2 on a bad value.
ScreenshotOptions readScreenshotOptions(const QCommandLineParser &parser);
/// The position of an --insight value (preview, rfm, overlap) in SegmentInsights::Tab order.
int insightIndex(const QString &insight);

} // namespace awb::app
