// SPDX-License-Identifier: GPL-3.0-or-later
// The members of one audience snapshot, fetched a page at a time: rank, likelihood, key and traits.
#pragma once

#include "audience/AudienceTypes.h"
#include "models/PageCache.h"

#include <QAbstractTableModel>

#include <optional>

namespace awb::ui {

class AudienceMembersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        RankColumn,
        ScoreColumn,
        KeyColumn,
        EmailColumn,
        FirstNameColumn,
        LastNameColumn,
        CountryColumn,
        ColumnCount
    };

    explicit AudienceMembersModel(QObject *parent = nullptr);

    /// The audience to show (workspace path, name, member count); an empty name empties the model.
    void setAudience(const QString &workspacePath, const QString &name, qint64 size);
    /// Rank and likelihood sort (best or worst first); the other columns are not sortable.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column) { return column == RankColumn || column == ScoreColumn; }

    /// The member shown in row, fetching its page when needed; nullptr past the end or on a read error.
    const audience::AudienceMember *memberAt(int row) const;
    const std::optional<Error> &lastError() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void readFailed(const awb::Error &error);

private:
    Result<std::vector<audience::AudienceMember>> fetch(std::int64_t offset, std::int64_t limit) const;

    QString m_path;
    QString m_name;
    qint64 m_size = 0;
    bool m_worstFirst = false;
    mutable PageCache<audience::AudienceMember> m_cache;
    mutable std::optional<Error> m_error;
};

} // namespace awb::ui
