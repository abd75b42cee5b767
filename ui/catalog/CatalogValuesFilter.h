// SPDX-License-Identifier: GPL-3.0-or-later
// Filters a CatalogValuesModel on one catalog column (exact) and on a value substring (case-insensitive).
#pragma once

#include <QSortFilterProxyModel>

namespace awb::ui {

class CatalogValuesFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    /// column empty = every column; text empty = every value.
    void set(const QString &column, const QString &text);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    QString m_column;
    QString m_text;
};

} // namespace awb::ui
