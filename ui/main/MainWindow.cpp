// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/MainWindow.h"

namespace awb::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Audience Workbench"));
}

} // namespace awb::ui
