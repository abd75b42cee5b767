// SPDX-License-Identifier: GPL-3.0-or-later
// The one way the UI presents a core error to the user.
#pragma once

#include "common/Error.h"

#include <functional>

class QWidget;

namespace awb::ui {

using ErrorHandler = std::function<void(QWidget *parent, const Error &error)>;

/// Shows error in a window-modal message box over parent (without blocking: no nested event loop) and
/// logs it. A cancellation is not an error and shows nothing.
void showError(QWidget *parent, const Error &error);

/// Replaces what showError does (tests record errors instead of opening a message box). An empty handler
/// restores the message box. Returns the previous handler.
ErrorHandler setErrorHandler(ErrorHandler handler);

} // namespace awb::ui
