// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseExportFile.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QLocale>

namespace awb::ui {

std::optional<warehouse::WarehouseExportRequest> askWarehouseExport(QWidget *parent, const QString &name,
                                                                    bool audience, const QString &preset)
{
    const QString file = QFileDialog::getSaveFileName(
        parent, QCoreApplication::translate("WarehouseExport", "Export %1").arg(name),
        name + QStringLiteral(".csv"), QCoreApplication::translate("WarehouseExport", "CSV files (*.csv)"));
    if (file.isEmpty()) {
        return std::nullopt;
    }
    warehouse::WarehouseExportRequest request;
    (audience ? request.audience : request.segment) = name.toStdString();
    request.preset = preset.toStdString();
    request.outFile = file.toStdString();
    return request;
}

QString exportedText(const segments::ExportCounts &counts, const QString &file)
{
    return QCoreApplication::translate("WarehouseExport", "Exported %1 of %2 members to %3.")
        .arg(QLocale().toString(counts.written), QLocale().toString(counts.members), file);
}

} // namespace awb::ui
