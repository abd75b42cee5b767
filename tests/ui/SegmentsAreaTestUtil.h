// SPDX-License-Identifier: GPL-3.0-or-later
// The Segments area in widget tests: opened on a workspace with its traits loaded, and edits that wait for
// the builder's next count.
#pragma once

#include "segments/LiveEvaluation.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentsArea.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace awb::test {

/// How long a test waits for the traits to load or a count to show.
inline constexpr int kSegmentsWaitMs = 60000;

/// Shows a 1280 x 800 Segments area on workspace into area and waits until its traits are loaded.
inline void openSegmentsArea(std::unique_ptr<ui::SegmentsArea> &area, const QString &workspace)
{
    area = std::make_unique<ui::SegmentsArea>();
    area->resize(1280, 800);
    QSignalSpy loaded(&area->live(), &ui::LiveEvaluation::loaded);
    area->show();
    area->setWorkspace(workspace);
    QVERIFY(loaded.wait(kSegmentsWaitMs));
}

/// Runs edit, then waits for the builder to show its next count; false when none came.
template <typename Edit> bool recount(ui::SegmentsArea &area, Edit edit)
{
    QSignalSpy shown(area.builder(), &ui::SegmentBuilder::countShown);
    edit();
    return shown.wait(kSegmentsWaitMs) && area.builder()->count().has_value();
}

} // namespace awb::test
