// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CatalogWeightsPage.h"

#include "charts/ChartPalette.h"
#include "wizards/CatalogWizardState.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace awb::ui {

CatalogWeightsPage::CatalogWeightsPage(CatalogWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_grid(new QGridLayout)
{
    setObjectName(QStringLiteral("catalogWeightsPage"));
    setTitle(tr("Interaction weights"));
    setSubTitle(
        tr("How much one event says about interest in a product. The defaults rank purchases above cart "
           "adds above views; the models use the weights as confidence in each interaction."));
    m_grid->setHorizontalSpacing(20);
    m_grid->setVerticalSpacing(8);
    m_grid->setColumnStretch(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_grid);
    layout->addStretch(1);
}

void CatalogWeightsPage::initializePage()
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_spins.clear();
    int row = 0;
    for (const catalog::CatalogEvent &e : m_state.definition.events) {
        const QString name = QString::fromStdString(e.name);
        auto *spin = new QDoubleSpinBox;
        spin->setObjectName(QStringLiteral("catalogWeightSpin"));
        spin->setProperty("event", name);
        spin->setRange(0.1, 1000.0);
        spin->setDecimals(1);
        spin->setSingleStep(0.5);
        spin->setValue(e.weight);
        auto *hint = new QLabel(tr("default %1").arg(catalog::defaultWeight(e.name)));
        hint->setStyleSheet(QStringLiteral("color: %1;").arg(palette::mutedText().name()));
        m_grid->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped())), row, 0);
        m_grid->addWidget(spin, row, 1);
        m_grid->addWidget(hint, row, 2);
        m_spins.emplace_back(name, spin);
        ++row;
    }
}

QDoubleSpinBox *CatalogWeightsPage::spinFor(const QString &event) const
{
    for (const auto &[name, spin] : m_spins) {
        if (name == event) {
            return spin;
        }
    }
    return nullptr;
}

void CatalogWeightsPage::store()
{
    for (catalog::CatalogEvent &e : m_state.definition.events) {
        if (QDoubleSpinBox *spin = spinFor(QString::fromStdString(e.name))) {
            e.weight = spin->value();
        }
    }
}

void CatalogWeightsPage::cleanupPage()
{
    store();
}

bool CatalogWeightsPage::validatePage()
{
    store();
    return true;
}

} // namespace awb::ui
