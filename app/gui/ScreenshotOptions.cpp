// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/ScreenshotOptions.h"

#include "export/ExportPresets.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace awb::app {

namespace {
const QStringList kPages = {QStringLiteral("events"),           QStringLiteral("profiles"),
                            QStringLiteral("profile"),          QStringLiteral("catalog"),
                            QStringLiteral("audiences"),        QStringLiteral("audience"),
                            QStringLiteral("audience-builder"), QStringLiteral("segment-list"),
                            QStringLiteral("segment"),          QStringLiteral("segments")};

// The tabs beside a segment's rule, in SegmentInsights::Tab order.
const QStringList kInsights = {QStringLiteral("preview"), QStringLiteral("rfm"), QStringLiteral("overlap")};

[[noreturn]] void usageError(const QString &message)
{
    std::fprintf(stderr, "audience-workbench: %s\n", qPrintable(message));
    std::exit(2);
}

QCommandLineOption option(const char *name, const char *description, const char *valueName = nullptr,
                          const char *defaultValue = nullptr)
{
    if (valueName == nullptr) {
        return {QString::fromLatin1(name), QString::fromLatin1(description)};
    }
    return {QString::fromLatin1(name), QString::fromLatin1(description), QString::fromLatin1(valueName),
            defaultValue ? QString::fromLatin1(defaultValue) : QString()};
}

} // namespace

int insightIndex(const QString &insight)
{
    return static_cast<int>(kInsights.indexOf(insight));
}

void addScreenshotOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        option("screenshot", "Render the main window to FILE.png once the workspace is shown, then exit.",
               "FILE.png"),
        option("page",
               "Page to show: events, profiles, profile, catalog, audiences, audience (the newest one, or "
               "--audience), audience-builder (scoring --target, else the top value, at --size), "
               "segment-list, segment (the newest one, or --segment) or segments (the builder with "
               "--template applied).",
               "name", "events"),
        option("window-size", "Window size of the screenshot (default 1280x800).", "WxH", "1280x800"),
        option("audience",
               "With --page audience: the audience shown. With --page audience-builder: the name typed "
               "in.",
               "name"),
        option("target", "With --page audience-builder: the catalog value scored.", "column=value"),
        option("size", "With --page audience-builder: the top percent chosen (default 5).", "percent"),
        option("segment",
               "With --page segment: the saved segment opened. With --page segments: the name typed in.",
               "name"),
        option("template", "With --page segments: the template applied (default lapsed-vips).", "name"),
        option("param", "With --template: a parameter of the template (repeatable).", "key=value"),
        option("insight",
               "With --page segment or segments: the tab beside the rule (preview, rfm or overlap).", "tab"),
        option("export-dialog",
               "With --page audience: the export dialog, with this preset chosen (e.g. mailchimp, meta), "
               "drawn over the page.",
               "preset"),
    });
}

ScreenshotOptions readScreenshotOptions(const QCommandLineParser &parser)
{
    const auto value = [&parser](const char *name) { return parser.value(QString::fromLatin1(name)); };
    const auto isSet = [&parser](const char *name) { return parser.isSet(QString::fromLatin1(name)); };
    ScreenshotOptions options;
    options.file = value("screenshot");
    options.page = value("page").toLower();
    if (!kPages.contains(options.page)) {
        usageError(QStringLiteral("--page wants one of %1").arg(kPages.join(QStringLiteral(", "))));
    }
    const QStringList wh = value("window-size").split(QLatin1Char('x'));
    options.windowSize = QSize(wh.value(0).toInt(), wh.value(1).toInt());
    if (wh.size() != 2 || options.windowSize.width() < 320 || options.windowSize.height() < 240) {
        usageError(QStringLiteral("--window-size wants WxH, at least 320x240 (e.g. 1280x800)"));
    }
    options.audience = value("audience");
    options.segment = value("segment");
    options.target = value("target");
    if (isSet("target") && options.target.indexOf(QLatin1Char('=')) <= 0) {
        usageError(QStringLiteral("--target wants COLUMN=VALUE (e.g. Subcategory=Accessories)"));
    }
    if (isSet("size")) {
        bool ok = false;
        options.sizePercent = value("size").remove(QLatin1Char('%')).toDouble(&ok);
        if (!ok || options.sizePercent <= 0 || options.sizePercent > 100) {
            usageError(QStringLiteral("--size wants a percent above 0 and at most 100 (e.g. 5)"));
        }
    }
    if (isSet("template")) {
        options.templateName = value("template");
    }
    for (const QString &param : parser.values(QStringLiteral("param"))) {
        const qsizetype eq = param.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            usageError(QStringLiteral("--param wants KEY=VALUE, not '%1'").arg(param));
        }
        options.params[param.left(eq).trimmed().toStdString()] = param.mid(eq + 1).trimmed().toStdString();
    }
    options.insight = value("insight").toLower();
    if (isSet("insight") && !kInsights.contains(options.insight)) {
        usageError(QStringLiteral("--insight wants preview, rfm or overlap"));
    }
    options.exportPreset = value("export-dialog");
    if (isSet("export-dialog")) {
        const auto presets = exports::presetList();
        if (std::none_of(presets.begin(), presets.end(), [&](const exports::PresetInfo &p) {
                return p.id == options.exportPreset.toStdString();
            })) {
            usageError(QStringLiteral("--export-dialog: no export preset '%1'").arg(options.exportPreset));
        }
    }
    return options;
}

} // namespace awb::app
