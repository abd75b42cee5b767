// SPDX-License-Identifier: GPL-3.0-or-later
// What the Data area shows for a workspace without events: what can be imported, and the button to do it.
#pragma once

#include <QWidget>

namespace awb::ui {

class ImportPrompt : public QWidget
{
    Q_OBJECT
public:
    explicit ImportPrompt(QWidget *parent = nullptr);

signals:
    void importRequested();
};

} // namespace awb::ui
