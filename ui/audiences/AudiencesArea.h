// SPDX-License-Identifier: GPL-3.0-or-later
// The Audiences area: the list of saved audience snapshots, one audience's detail, and the builder that
// creates a new one.
#pragma once

#include "catalog/CatalogValuesModel.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace awb::ui {

class AudienceBuilder;
class AudienceDetail;
class AudienceListModel;

class AudiencesArea : public QWidget
{
    Q_OBJECT
public:
    enum class Page
    {
        List,
        Detail,
        Builder,
    };

    explicit AudiencesArea(QWidget *parent = nullptr);

    /// The workspace whose audiences to show (empty = none).
    void setWorkspace(const QString &path);
    /// The built catalog's column values (empty = no built catalog: creating is not possible yet).
    void setCatalog(std::vector<ColumnValues> columns, bool built);
    /// Re-reads the list of audiences.
    void reload();
    /// Opens the builder (false, with the reason shown, without a built catalog).
    bool newAudience();
    /// Shows one audience's detail page.
    bool openAudience(const QString &name);
    void showList();
    Page page() const;

    AudienceListModel *listModel() const { return m_list; }
    QTableView *listView() const { return m_view; }
    AudienceBuilder *builder() const { return m_builder; }
    AudienceDetail *detail() const { return m_detail; }

signals:
    /// The user asked to define or build the catalog (from the empty state).
    void catalogRequested();

private:
    QWidget *createListPage();
    void updateEmptyState();
    /// Re-reads the saved segments the builder offers for who may enter.
    void reloadSegments();

    QString m_path;
    bool m_catalogBuilt = false;
    QStackedWidget *m_stack;
    AudienceListModel *m_list;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    QLabel *m_empty;
    QPushButton *m_open;
    QPushButton *m_new;
    QPushButton *m_catalogButton;
    AudienceDetail *m_detail;
    AudienceBuilder *m_builder;
};

} // namespace awb::ui
