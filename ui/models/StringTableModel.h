// SPDX-License-Identifier: GPL-3.0-or-later
// A small read-only table of strings held in memory (identities, traits, CSV preview, rejected rows).
#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace awb::ui {

/// For tables of at most a few hundred rows; large tables page from SQL (PagedTableModel).
class StringTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit StringTableModel(QStringList headers = {}, QObject *parent = nullptr);

    /// Replaces headers and rows (short rows are padded with empty cells). Resets the model.
    void setTable(QStringList headers, std::vector<QStringList> rows);
    void setRows(std::vector<QStringList> rows);
    const QStringList &headers() const { return m_headers; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    std::vector<QStringList> m_rows;
};

} // namespace awb::ui
