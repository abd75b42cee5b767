// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/MainWindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    awb::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
