// SPDX-License-Identifier: GPL-3.0-or-later
// Asking before something is deleted for good: a window-modal warning box ("confirmRemoveBox") whose default
// is Cancel, with a Delete button that runs the deletion. The box deletes itself when closed.
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace awb::ui {

/// Opens the box on parent and returns at once; onConfirmed runs (on the UI thread) only when Delete is
/// clicked.
void confirmDelete(QWidget *parent, const QString &title, const QString &question,
                   std::function<void()> onConfirmed);

} // namespace awb::ui
