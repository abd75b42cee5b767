// SPDX-License-Identifier: GPL-3.0-or-later
// Widgets the import wizard's pages share: the read-only tables of rows they preview (the joined files, the
// mapped rows) and the label saying why a page cannot go on.
#pragma once

#include <QStringList>

#include <string>
#include <vector>

class QLabel;
class QString;
class QTableView;

namespace awb::ui {

class StringTableModel;

/// A compact, read-only, left-aligned table showing model.
void setUpPreviewTable(QTableView *view, StringTableModel *model);
/// Fits the columns to their contents, none wider than a readable maximum.
void fitPreviewColumns(QTableView *view);
QStringList toQStringList(const std::vector<std::string> &cells);
/// A hidden, wrapping, bold red label for why the page refuses to go on.
void setUpErrorLabel(QLabel *label, const QString &objectName);

} // namespace awb::ui
