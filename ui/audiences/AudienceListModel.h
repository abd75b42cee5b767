// SPDX-License-Identifier: GPL-3.0-or-later
// The saved audiences of a workspace as a table: name, target, size, quality, status, created.
#pragma once

#include "audience/AudienceTypes.h"

#include <QAbstractTableModel>

#include <vector>

namespace awb::ui {

class AudienceListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        TargetColumn,
        SizeColumn,
        QualityColumn,
        StatusColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        NameRole,                    ///< the audience's name (QString), any column
    };

    explicit AudienceListModel(QObject *parent = nullptr);

    void setAudiences(std::vector<audience::AudienceInfo> audiences);
    const std::vector<audience::AudienceInfo> &audiences() const { return m_audiences; }
    QStringList names() const;
    /// Row of the audience with that name, -1 when absent.
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "Brand = Acme" or "product SKU-1" with the horizon ("within 30 days").
    static QString targetText(const audience::AudienceInfo &info);

private:
    QVariant display(const audience::AudienceInfo &a, int column) const;
    QVariant sortValue(const audience::AudienceInfo &a, int column) const;

    std::vector<audience::AudienceInfo> m_audiences;
};

} // namespace awb::ui
