// SPDX-License-Identifier: GPL-3.0-or-later
// The backtest quality of a scoring run: one row per score (the model, then its baselines).
#pragma once

#include "numeric/Quality.h"

#include <QAbstractTableModel>

#include <vector>

namespace awb::ui {

class QualityTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ScoreColumn,
        AucColumn,
        AveragePrecisionColumn,
        Lift1Column,
        Lift5Column,
        Lift20Column,
        Gain20Column,
        BrierColumn,
        EceColumn,
        LabelColumn,
        ColumnCount
    };
    enum Role
    {
        ValueRole = Qt::UserRole + 1, ///< the raw metric (double), or the name / label (QString)
    };

    explicit QualityTableModel(QObject *parent = nullptr);

    void setQualities(std::vector<numeric::Quality> qualities);
    const std::vector<numeric::Quality> &qualities() const { return m_rows; }
    void clear();

    /// "Model", "Activity only"...: the name shown for a quality row (also the chart legends).
    static QString displayName(const std::string &name);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant rawValue(const numeric::Quality &q, int column) const;
    QVariant displayValue(const numeric::Quality &q, int column) const;

    std::vector<numeric::Quality> m_rows;
};

} // namespace awb::ui
