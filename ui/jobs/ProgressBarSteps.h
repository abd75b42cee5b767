// SPDX-License-Identifier: GPL-3.0-or-later
// Showing a job's 64-bit progress (done of total) on a QProgressBar, which holds an int: one scaling for all
// bars.
#pragma once

#include <QtGlobal>

class QProgressBar;

namespace awb::ui {

/// Steps of a determinate bar; totals are scaled to this.
inline constexpr int kProgressBarSteps = 1000;

/// Shows done of total on bar; a total <= 0 (not known yet) shows the busy indicator.
void showJobProgress(QProgressBar *bar, qint64 done, qint64 total);

} // namespace awb::ui
