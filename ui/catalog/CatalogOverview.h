// SPDX-License-Identifier: GPL-3.0-or-later
// The Catalog tab: the saved definition, the last build, and the values of each column with their
// product and interaction counts (searchable).
#pragma once

#include "catalog/CatalogValuesModel.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace awb::ui {

class CatalogValuesFilter;

class CatalogOverview : public QWidget
{
    Q_OBJECT
public:
    explicit CatalogOverview(QWidget *parent = nullptr);

    /// Shows a catalog: its definition, its last build (nullopt = never built) and its columns' values.
    void showCatalog(const catalog::CatalogDefinition &definition,
                     const std::optional<catalog::CatalogBuildInfo> &build, std::vector<ColumnValues> values);

    CatalogValuesModel *valuesModel() const { return m_values; }
    /// The values table's (filtered, sorted) model.
    QAbstractItemModel *visibleValues() const;
    /// Restricts the table to one column's values (empty = all columns) and to values containing text.
    void setFilter(const QString &column, const QString &text);

signals:
    /// A value was double-clicked: model it.
    void targetChosen(const QString &column, const QString &value);

private:
    void applyFilter();

    QLabel *m_definition;
    QLabel *m_build;
    QComboBox *m_column;
    QLineEdit *m_search;
    CatalogValuesModel *m_values;
    CatalogValuesFilter *m_proxy;
    QTableView *m_view;
};

} // namespace awb::ui
