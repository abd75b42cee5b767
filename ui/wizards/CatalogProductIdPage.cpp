// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CatalogProductIdPage.h"

#include "charts/ChartPalette.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "services/CatalogService.h"
#include "wizards/CatalogWizardState.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace awb::ui {

namespace {
constexpr std::size_t kPreviewIds = 6;
const QString kListPrefix = QStringLiteral("products[].");

// Candidate properties of an event: product_id and sku first (the usual homes of a product id), then the
// other sampled keys by frequency; prefixed with products[]. when the products come from an array.
QStringList candidates(const catalog::ProductProperties *props)
{
    const bool list = props && props->productList;
    const QString prefix = list ? kListPrefix : QString();
    QStringList keys;
    for (const char *preferred : {"product_id", "sku"}) {
        keys << prefix + QLatin1String(preferred);
    }
    QStringList others;
    if (props) {
        for (const catalog::PropertyKey &k : props->keys) {
            const QString key = prefix + QString::fromStdString(k.key);
            if (!keys.contains(key)) {
                others << key;
            }
        }
    }
    // Keep sku only when the sample has it (product_id is the Segment spec's default either way).
    if (props && props->sampledRows > 0) {
        const bool hasSku = std::any_of(props->keys.begin(), props->keys.end(),
                                        [](const catalog::PropertyKey &k) { return k.key == "sku"; });
        if (!hasSku) {
            keys.removeLast();
        }
    }
    return keys + others;
}
} // namespace

CatalogProductIdPage::CatalogProductIdPage(CatalogWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_grid(new QGridLayout)
{
    setObjectName(QStringLiteral("catalogProductIdPage"));
    setTitle(tr("Product ids"));
    setSubTitle(tr("For each event, the property that holds the product id. Order events list their products "
                   "in products[]: products[].product_id reads the id of every product of the order."));
    auto *inner = new QWidget;
    auto *innerLayout = new QVBoxLayout(inner);
    m_grid->setColumnStretch(2, 1);
    m_grid->setHorizontalSpacing(16);
    m_grid->setVerticalSpacing(10);
    innerLayout->addLayout(m_grid);
    innerLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void CatalogProductIdPage::initializePage()
{
    clearRows();
    for (const QString &event : m_state.eventNames()) {
        addRow(event);
    }
    emit completeChanged();
}

void CatalogProductIdPage::clearRows()
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rows.clear();
}

void CatalogProductIdPage::addRow(const QString &event)
{
    auto props = m_state.properties(event.toStdString());
    if (!props) {
        showError(this, props.error());
    }
    const catalog::ProductProperties *sample = props ? *props : nullptr;
    QString current;
    for (const catalog::CatalogEvent &e : m_state.definition.events) {
        if (e.name == event.toStdString()) {
            current = QString::fromStdString(e.productProperty);
        }
    }
    QStringList keys = candidates(sample);
    if (!current.isEmpty() && !keys.contains(current)) {
        keys.prepend(current);
    }
    Row row{event, new QComboBox, new QLabel};
    row.combo->setObjectName(QStringLiteral("catalogProductIdCombo"));
    row.combo->setProperty("event", event);
    row.combo->setEditable(true);
    row.combo->setInsertPolicy(QComboBox::NoInsert);
    row.combo->setMinimumContentsLength(22);
    row.combo->addItems(keys);
    row.combo->setCurrentText(current.isEmpty() ? keys.value(0) : current);
    row.preview->setObjectName(QStringLiteral("catalogProductIdPreview"));
    row.preview->setWordWrap(true);
    row.preview->setTextFormat(Qt::RichText);
    auto *name = new QLabel(QStringLiteral("<b>%1</b>").arg(event.toHtmlEscaped()));
    const int r = static_cast<int>(m_rows.size());
    m_grid->addWidget(name, r, 0);
    m_grid->addWidget(row.combo, r, 1);
    m_grid->addWidget(row.preview, r, 2);
    m_rows.push_back(row);
    updatePreview(row);
    connect(row.combo, &QComboBox::currentTextChanged, this, [this, combo = row.combo] {
        for (const Row &candidate : m_rows) {
            if (candidate.combo == combo) {
                updatePreview(candidate);
            }
        }
        emit completeChanged();
    });
}

void CatalogProductIdPage::updatePreview(const Row &row)
{
    const std::string property = row.combo->currentText().trimmed().toStdString();
    if (property.empty()) {
        row.preview->setText(QString());
        return;
    }
    const auto ids = services::CatalogService(m_state.workspacePath.toStdString())
                         .productIdSamples(row.event.toStdString(), property, kPreviewIds);
    if (!ids) {
        row.preview->setText(QString::fromStdString(ids.error().message).toHtmlEscaped());
        return;
    }
    if (ids->rowsWithValue == 0) {
        const QString why = ids->sampledRows == 0
                                ? tr("No product rows in the latest events.")
                                : tr("None of the %1 latest product rows has this property.")
                                      .arg(format::count(ids->sampledRows));
        row.preview->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                                 .arg(palette::error().name(), why.toHtmlEscaped()));
        return;
    }
    QStringList values;
    for (const catalog::SampleValue &v : ids->values) {
        values << QString::fromStdString(v.value).toHtmlEscaped();
    }
    row.preview->setText(
        tr("%1 … <span style=\"color:%2\">(%3 of the %4 latest product rows have one)</span>")
            .arg(values.join(QLatin1String(", ")), palette::mutedText().name(),
                 format::count(ids->rowsWithValue), format::count(ids->sampledRows)));
}

QComboBox *CatalogProductIdPage::comboFor(const QString &event) const
{
    for (const Row &row : m_rows) {
        if (row.event == event) {
            return row.combo;
        }
    }
    return nullptr;
}

QString CatalogProductIdPage::previewFor(const QString &event) const
{
    for (const Row &row : m_rows) {
        if (row.event == event) {
            return row.preview->text();
        }
    }
    return {};
}

bool CatalogProductIdPage::isComplete() const
{
    return std::all_of(m_rows.begin(), m_rows.end(),
                       [](const Row &row) { return !row.combo->currentText().trimmed().isEmpty(); });
}

void CatalogProductIdPage::store()
{
    for (catalog::CatalogEvent &e : m_state.definition.events) {
        if (QComboBox *combo = comboFor(QString::fromStdString(e.name))) {
            e.productProperty = combo->currentText().trimmed().toStdString();
        }
    }
}

void CatalogProductIdPage::cleanupPage()
{
    store();
}

bool CatalogProductIdPage::validatePage()
{
    store();
    return isComplete();
}

} // namespace awb::ui
