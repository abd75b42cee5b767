// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog wizard, step 3: model columns (Name, Brand, Category ...) mapped to product properties (per event
// where events name them differently), with a preview of the values each would take.
#pragma once

#include "catalog/CatalogDefinition.h"

#include <QWizardPage>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace awb::ui {

struct CatalogWizardState;

class CatalogColumnsPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CatalogColumnsPage(CatalogWizardState &state, QWidget *parent = nullptr);

    /// Rows from the definition's columns, or suggested from the chosen events' property names (Name,
    /// Brand, Category, Subcategory, Price ...) when it has none.
    void initializePage() override;
    /// Going back keeps the rows as they are (also half-filled ones).
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    /// Adds a row (the "Add column" button adds an empty one).
    void addColumn(const catalog::CatalogColumn &column);
    void removeColumn(int row);
    int columnCount() const { return static_cast<int>(m_rows.size()); }
    /// The rows as columns (empty rows left out).
    std::vector<catalog::CatalogColumn> columns() const;
    QString previewText(int row) const;
    /// Opens the per-event properties of a row's column (its "Per event…" button); accepting it sets them.
    void editEventProperties(int row);

private:
    struct Row
    {
        QWidget *widget;
        QLineEdit *name;
        QComboBox *property;
        QLineEdit *split;
        QToolButton *perEvent;
        QLabel *preview;
        std::vector<catalog::ColumnOverride> overrides; ///< set in the per-event dialog
    };
    void clearRows();
    catalog::CatalogColumn columnOf(const Row &row) const;
    void updatePreview(const Row &row);
    /// The per-event button's text and tooltip from the row's overrides.
    void updatePerEventButton(const Row &row);
    /// The first problem of the rows, or empty.
    QString problem() const;
    void updateMessage();

    CatalogWizardState &m_state;
    QStringList m_properties; ///< sampled keys of the chosen events, most common first
    QVBoxLayout *m_rowsLayout;
    QPushButton *m_add;
    QLabel *m_message;
    std::vector<Row> m_rows;
};

} // namespace awb::ui
