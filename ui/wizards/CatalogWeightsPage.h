// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog wizard, step 4: an interaction weight per event (purchases count more than cart adds and views).
#pragma once

#include <QWizardPage>

#include <vector>

class QDoubleSpinBox;
class QGridLayout;

namespace awb::ui {

struct CatalogWizardState;

class CatalogWeightsPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CatalogWeightsPage(CatalogWizardState &state, QWidget *parent = nullptr);

    /// One spin box per chosen event, with its weight (the default weight for a newly chosen event).
    void initializePage() override;
    void cleanupPage() override;
    bool validatePage() override;

    QDoubleSpinBox *spinFor(const QString &event) const;

private:
    void store();

    CatalogWizardState &m_state;
    QGridLayout *m_grid;
    std::vector<std::pair<QString, QDoubleSpinBox *>> m_spins;
};

} // namespace awb::ui
