// SPDX-License-Identifier: GPL-3.0-or-later
// audience-workbench: the GUI. Start-up lives in AppContext; this file only creates the application.
#include "gui/AppContext.h"
#include "main/SortArrowStyle.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    // The platform plugin is chosen when QApplication is constructed, so --offscreen is read from argv first.
    if (awb::app::wantsOffscreen(argc, argv)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AudienceWorkbench"));
    QApplication::setApplicationName(QStringLiteral("Audience Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(AWB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.audienceworkbench.AudienceWorkbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    QApplication::setStyle(new awb::ui::SortArrowStyle); // the application owns it

    const awb::app::GuiOptions options = awb::app::AppContext::parseOptions(QApplication::arguments());
    awb::app::AppContext context;
    return context.run(options);
}
