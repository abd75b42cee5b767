// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting from the warehouse window's tabs: where to write the members of a saved segment or an audience of
// the warehouse, and what to say once written.
#pragma once

#include "segments/SegmentExport.h"
#include "warehouse/WarehouseExport.h"

#include <QString>

#include <optional>

class QWidget;

namespace awb::ui {

/// Asks for the CSV file to write name's members to in the preset's format; nullopt when the user cancels.
/// audience: name is an audience, else a saved segment.
std::optional<warehouse::WarehouseExportRequest> askWarehouseExport(QWidget *parent, const QString &name,
                                                                    bool audience, const QString &preset);

/// "Exported W of M members to FILE."
QString exportedText(const segments::ExportCounts &counts, const QString &file);

} // namespace awb::ui
