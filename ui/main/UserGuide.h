// SPDX-License-Identifier: GPL-3.0-or-later
// Help > User guide: where the guide is (installed, or the source tree's when run from the build tree),
// and showing it in the application's guide window.
#pragma once

#include <QStringList>

class QWidget;

namespace awb::ui {

/// The files the guide may be, in order: installed next to the program (PREFIX/share/doc/audience-workbench/
/// guide/README.md), in the system data directories, then docs/guide/README.md of the source tree when the
/// program runs from its build tree.
QStringList userGuideCandidates();

/// The first candidate that exists; empty when none does.
QString findUserGuide(const QStringList &candidates = userGuideCandidates());

/// Shows the guide in the guide window of parent (UserGuideWindow: non-modal, created on first use, raised
/// when open). When no candidate exists, shows an error naming every place looked in. Returns the file
/// shown (empty on failure).
QString openUserGuide(QWidget *parent, const QStringList &candidates = userGuideCandidates());

} // namespace awb::ui
