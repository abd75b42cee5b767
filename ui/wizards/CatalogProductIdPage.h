// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog wizard, step 2: for each chosen event, the property holding the product id, with a preview of
// the ids it reads.
#pragma once

#include <QWizardPage>

#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;

namespace awb::ui {

struct CatalogWizardState;

class CatalogProductIdPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CatalogProductIdPage(CatalogWizardState &state, QWidget *parent = nullptr);

    /// One row per chosen event: its candidate properties (product_id, sku, or products[].product_id for
    /// order events first), the definition's choice or the suggestion selected.
    void initializePage() override;
    /// Going back keeps the choices.
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    /// The property combo of an event's row, or nullptr.
    QComboBox *comboFor(const QString &event) const;
    /// The preview text of an event's row, or empty.
    QString previewFor(const QString &event) const;

private:
    struct Row
    {
        QString event;
        QComboBox *combo;
        QLabel *preview;
    };
    void clearRows();
    void addRow(const QString &event);
    void updatePreview(const Row &row);
    void store();

    CatalogWizardState &m_state;
    QGridLayout *m_grid;
    std::vector<Row> m_rows;
};

} // namespace awb::ui
