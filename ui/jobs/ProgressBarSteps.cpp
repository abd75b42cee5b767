// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/ProgressBarSteps.h"

#include <QProgressBar>

#include <algorithm>

namespace awb::ui {

void showJobProgress(QProgressBar *bar, qint64 done, qint64 total)
{
    if (total <= 0) {
        bar->setRange(0, 0);
        return;
    }
    bar->setRange(0, kProgressBarSteps);
    bar->setValue(
        static_cast<int>(std::clamp<qint64>(done * kProgressBarSteps / total, 0, kProgressBarSteps)));
}

} // namespace awb::ui
