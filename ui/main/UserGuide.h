// SPDX-License-Identifier: GPL-3.0-or-later
// Help > User guide: where the guide is (installed, or the source tree's when run from the build tree),
// and opening it with the desktop's viewer.
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

/// Opens the guide with the desktop's viewer (QDesktopServices). When no candidate exists, or nothing can
/// open it, shows an error naming every place looked in. Returns the file opened (empty on failure).
QString openUserGuide(QWidget *parent, const QStringList &candidates = userGuideCandidates());

} // namespace awb::ui
