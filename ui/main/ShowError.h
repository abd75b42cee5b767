// SPDX-License-Identifier: GPL-3.0-or-later
// The one way the UI presents a core error to the user.
#pragma once

#include "common/Error.h"
#include "common/Result.h"

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

/// The value of result, or an empty T after showing its error over parent (a list that could not be read
/// shows as empty, with the reason said once).
template <typename T> T valueOrShowError(QWidget *parent, Result<T> result)
{
    if (!result) {
        showError(parent, result.error());
        return T{};
    }
    return std::move(result).value();
}

} // namespace awb::ui
