// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CatalogEventsPage.h"

#include "catalog/EventChoiceModel.h"
#include "charts/ChartPalette.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "services/CatalogService.h"
#include "wizards/CatalogWizardState.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace awb::ui {

namespace {
constexpr int kRecommendedMin = 3;
constexpr int kRecommendedMax = 7;
// At most this many events are suggested for a new catalog.
constexpr int kSuggested = 7;

// Events that show interest in a product: everything with products, except undoing ones.
bool suggested(const catalog::EventSummary &event)
{
    const QString name = QString::fromStdString(event.name).toLower();
    return event.hasProducts && !name.contains(QLatin1String("refund")) &&
           !name.contains(QLatin1String("removed")) && !name.contains(QLatin1String("cancel"));
}

QString coloured(const QString &text, const QColor &colour)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour.name(), text.toHtmlEscaped());
}
} // namespace

CatalogEventsPage::CatalogEventsPage(CatalogWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_model(new EventChoiceModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_view(new QTableView(this)), m_counter(new QLabel(this)),
      m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("catalogEventsPage"));
    setTitle(tr("Interaction events"));
    setSubTitle(tr("Choose the events that show interest in a product: purchases, cart adds, views, ratings. "
                   "3 to 7 events are recommended; a catalog takes at most 10."));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EventChoiceModel::SortRole);
    m_view->setObjectName(QStringLiteral("catalogEventsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EventChoiceModel::CountColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(EventChoiceModel::EventColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(EventChoiceModel::CountColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(EventChoiceModel::ProductsColumn,
                                                     QHeaderView::ResizeToContents);
    m_counter->setObjectName(QStringLiteral("catalogEventCounter"));
    m_counter->setTextFormat(Qt::RichText);
    m_message->setObjectName(QStringLiteral("catalogEventMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: %1;").arg(palette::error().name()));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_counter);
    layout->addWidget(m_message);

    connect(m_model, &EventChoiceModel::checkedChanged, this, &CatalogEventsPage::updateCounter);
    connect(m_model, &EventChoiceModel::limitReached, this, &CatalogEventsPage::showLimitMessage);
}

void CatalogEventsPage::initializePage()
{
    if (m_loaded) {
        return;
    }
    auto events = services::CatalogService(m_state.workspacePath.toStdString()).eventCounts();
    if (!events) {
        showError(this, events.error());
        return;
    }
    m_loaded = true;
    QStringList checked = m_state.eventNames();
    if (checked.isEmpty()) {
        for (const catalog::EventSummary &e : *events) {
            if (suggested(e) && checked.size() < kSuggested) {
                checked << QString::fromStdString(e.name);
            }
        }
    }
    m_model->setEvents(std::move(*events), checked);
    m_view->resizeColumnsToContents();
}

void CatalogEventsPage::updateCounter()
{
    m_message->clear();
    const int n = m_model->checkedCount();
    QString text = format::plural(n, tr("%1 event chosen"), tr("%1 events chosen"));
    if (n == 0) {
        text += QStringLiteral(" — ") + coloured(tr("choose at least one"), palette::error());
    } else if (n < kRecommendedMin || n > kRecommendedMax) {
        text += QStringLiteral(" — ") + coloured(tr("3 to 7 are recommended"), palette::warning());
    } else {
        text += QStringLiteral(" — ") + tr("within the recommended 3 to 7");
    }
    QStringList withoutProducts;
    for (const QString &name : m_model->checkedNames()) {
        if (!m_model->event(m_model->rowOf(name)).hasProducts) {
            withoutProducts << name;
        }
    }
    if (!withoutProducts.isEmpty()) {
        text += QLatin1String("<br>") +
                coloured(tr("No products seen in the latest %1 events: they would add no interactions.")
                             .arg(withoutProducts.join(QLatin1String(", "))),
                         palette::warning());
    }
    m_counter->setText(text);
    emit completeChanged();
}

void CatalogEventsPage::showLimitMessage(const QString &name)
{
    m_message->setText(tr("A catalog takes at most %1 interaction events: uncheck one before adding “%2”.")
                           .arg(catalog::kMaxEvents)
                           .arg(name));
}

bool CatalogEventsPage::isComplete() const
{
    const int n = m_model->checkedCount();
    return n >= 1 && n <= static_cast<int>(catalog::kMaxEvents);
}

bool CatalogEventsPage::validatePage()
{
    if (!isComplete()) {
        return false;
    }
    m_state.chooseEvents(m_model->checkedNames());
    return true;
}

} // namespace awb::ui
