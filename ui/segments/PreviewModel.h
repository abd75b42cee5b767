// SPDX-License-Identifier: GPL-3.0-or-later
// The first matching profiles of a segment with a few key traits (a small, read-only table).
#pragma once

#include "services/SegmentService.h"

#include <QAbstractTableModel>

#include <vector>

namespace awb::ui {

struct RuleVocabulary;

class PreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role
    {
        ProfileIdRole = Qt::UserRole + 1,
    };

    explicit PreviewModel(QObject *parent = nullptr);

    /// Rows with the values of traitIds; the vocabulary gives the traits' labels and kinds (may be null).
    void setRows(std::vector<services::PreviewRow> rows, std::vector<std::string> traitIds,
                 const RuleVocabulary *vocabulary);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Column
    {
        QString label;
        QString toolTip;
        int kind = 0; ///< traits::TraitKind
    };
    QString displayValue(const std::string &value, int kind) const;

    std::vector<services::PreviewRow> m_rows;
    std::vector<Column> m_columns;
};

} // namespace awb::ui
