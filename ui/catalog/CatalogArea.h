// SPDX-License-Identifier: GPL-3.0-or-later
// The Catalog area: the catalog of the open workspace (definition, last build, values) and its Model
// tab, with Edit catalog… (the wizard) and Rebuild (a background job).
#pragma once

#include "catalog/CatalogDefinition.h"
#include "catalog/CatalogValuesModel.h"

#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace awb::ui {

class CatalogOverview;
class CatalogWizard;
class JobRunner;
class ModelPage;

class CatalogArea : public QWidget
{
    Q_OBJECT
public:
    enum class Tab
    {
        Catalog,
        Model,
    };

    explicit CatalogArea(QWidget *parent = nullptr);

    /// The workspace whose catalog to show (empty = none); reads it at once (small, index-backed reads).
    void setWorkspace(const QString &path);
    /// Re-reads the definition, the last build and the column values.
    void reload();
    /// Opens the catalog wizard (prefilled with the saved definition) window-modal; nullptr without a
    /// workspace.
    CatalogWizard *editCatalog();
    /// Rebuilds the saved catalog in the background with a progress dialog; false when none is saved or
    /// a build runs.
    bool rebuild();
    void showTab(Tab tab);

    bool hasCatalog() const { return m_definition.has_value(); }
    /// True when the shown catalog has been built (its values and models can be used).
    bool isBuilt() const { return m_built; }
    /// The values of the catalog's columns with their counts, as last read (empty without a build).
    const std::vector<ColumnValues> &columnValues() const { return m_values; }
    CatalogOverview *overview() const { return m_overview; }
    ModelPage *modelPage() const { return m_model; }
    JobRunner &rebuildJob() const { return *m_rebuild; }

signals:
    /// The area shows the workspace's current catalog (after setWorkspace, reload or a build).
    void catalogShown();

private:
    QWidget *createEmptyPage();

    QString m_path;
    std::optional<catalog::CatalogDefinition> m_definition;
    std::vector<ColumnValues> m_values;
    bool m_built = false;
    QLabel *m_heading;
    QPushButton *m_edit;
    QPushButton *m_rebuildButton;
    QStackedWidget *m_stack;
    QLabel *m_emptyText;
    QPushButton *m_create;
    QTabWidget *m_tabs;
    CatalogOverview *m_overview;
    ModelPage *m_model;
    JobRunner *m_rebuild;
};

} // namespace awb::ui
