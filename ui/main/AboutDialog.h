// SPDX-License-Identifier: GPL-3.0-or-later
// Help > About Audience Workbench: version, licence with its warranty note, and the libraries used with
// their versions.
#pragma once

#include "common/Libraries.h"

#include <QDialog>

#include <vector>

namespace awb::ui {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The engine's libraries (awb::libraryVersions()) and the UI's own (QCustomPlot).
    static std::vector<LibraryVersion> libraries();
};

} // namespace awb::ui
