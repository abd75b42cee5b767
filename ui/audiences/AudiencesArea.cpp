// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/AudiencesArea.h"

#include "audiences/AudienceBuilder.h"
#include "audiences/AudienceDetail.h"
#include "audiences/AudienceListModel.h"
#include "charts/ChartPalette.h"
#include "main/ShowError.h"
#include "services/AudienceService.h"
#include "services/SegmentService.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace awb::ui {

AudiencesArea::AudiencesArea(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_list(new AudienceListModel(this)),
      m_sorted(new QSortFilterProxyModel(this)), m_view(new QTableView(this)), m_empty(new QLabel(this)),
      m_open(new QPushButton(tr("&Open"), this)), m_new(new QPushButton(tr("&New audience…"), this)),
      m_catalogButton(new QPushButton(tr("Go to the catalog"), this)), m_detail(new AudienceDetail(this)),
      m_builder(new AudienceBuilder(this))
{
    setObjectName(QStringLiteral("audiencesArea"));
    m_stack->addWidget(createListPage());
    m_stack->addWidget(m_detail);
    m_stack->addWidget(m_builder);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_builder, &AudienceBuilder::backRequested, this, &AudiencesArea::showList);
    connect(m_builder, &AudienceBuilder::created, this, [this](const QString &name) {
        reload();
        openAudience(name);
    });
    connect(m_detail, &AudienceDetail::backRequested, this, &AudiencesArea::showList);
    connect(m_detail, &AudienceDetail::removed, this, [this] {
        reload();
        showList();
    });
    connect(m_detail, &AudienceDetail::duplicated, this, [this](const QString &name) {
        reload();
        openAudience(name);
    });
    setWorkspace({});
}

QWidget *AudiencesArea::createListPage()
{
    auto *page = new QWidget(this);
    auto *title = new QLabel(tr("<h3 style=\"margin:0\">Recommendation audiences</h3>"), page);
    m_new->setObjectName(QStringLiteral("newAudienceButton"));
    m_new->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_new->setToolTip(
        tr("Find the people most likely to engage with a product, brand or category (Ctrl+Shift+N)"));
    m_open->setObjectName(QStringLiteral("openAudienceButton"));
    m_open->setToolTip(tr("Open the selected audience"));
    auto *top = new QHBoxLayout;
    top->addWidget(title, 1);
    top->addWidget(m_open);
    top->addWidget(m_new);

    m_sorted->setSourceModel(m_list);
    m_sorted->setSortRole(AudienceListModel::SortRole);
    m_view->setObjectName(QStringLiteral("audiencesView"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AudienceListModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(AudienceListModel::TargetColumn, QHeaderView::Stretch);
    m_view->setToolTip(tr("Double-click (or Enter) to open an audience"));
    m_empty->setObjectName(QStringLiteral("audiencesEmptyLabel"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: %1; padding: 24px;").arg(palette::mutedText().name()));
    m_catalogButton->setObjectName(QStringLiteral("audiencesCatalogButton"));
    auto *emptyRow = new QHBoxLayout;
    emptyRow->addStretch(1);
    emptyRow->addWidget(m_catalogButton);
    emptyRow->addStretch(1);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty);
    layout->addLayout(emptyRow);
    layout->addStretch(0);

    connect(m_new, &QPushButton::clicked, this, &AudiencesArea::newAudience);
    connect(m_catalogButton, &QPushButton::clicked, this, &AudiencesArea::catalogRequested);
    const auto openCurrent = [this] {
        const QModelIndex index = m_view->currentIndex();
        if (index.isValid()) {
            openAudience(index.data(AudienceListModel::NameRole).toString());
        }
    };
    connect(m_view, &QTableView::activated, this, openCurrent);
    connect(m_open, &QPushButton::clicked, this, openCurrent);
    // Open acts on the current row: nothing to open, nothing to click.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { m_open->setEnabled(m_view->currentIndex().isValid()); });
    return page;
}

void AudiencesArea::setWorkspace(const QString &path)
{
    m_path = path;
    m_detail->setWorkspace(path);
    m_builder->setWorkspace(path);
    showList();
    reload();
}

void AudiencesArea::setCatalog(std::vector<ColumnValues> columns, bool built)
{
    m_catalogBuilt = built;
    m_builder->setCatalog(std::move(columns));
    updateEmptyState();
}

void AudiencesArea::reload()
{
    std::vector<audience::AudienceInfo> audiences;
    if (!m_path.isEmpty()) {
        audiences = valueOrShowError(this, services::AudienceService(m_path.toStdString()).list());
    }
    m_list->setAudiences(std::move(audiences));
    m_builder->setAudiences(m_list->names());
    reloadSegments();
    updateEmptyState();
}

void AudiencesArea::reloadSegments()
{
    std::vector<segments::SavedSegment> saved;
    if (!m_path.isEmpty()) {
        saved = valueOrShowError(this, services::SegmentService(m_path.toStdString()).list());
    }
    m_builder->setSegments(saved);
}

void AudiencesArea::updateEmptyState()
{
    const bool none = m_list->rowCount() == 0;
    m_view->setVisible(!none);
    if (!none && !m_view->currentIndex().isValid()) {
        m_view->setCurrentIndex(m_sorted->index(0, 0)); // the newest: what Open then opens
    }
    m_open->setEnabled(m_view->currentIndex().isValid());
    m_new->setEnabled(!m_path.isEmpty() && m_catalogBuilt);
    m_new->setToolTip(m_catalogBuilt ? tr("Find the people most likely to engage with a product, brand or "
                                          "category (Ctrl+Shift+N)")
                                     : tr("Build the recommendation catalog first."));
    QString text;
    if (m_path.isEmpty()) {
        text = tr("Open a workspace to see its audiences.");
    } else if (!m_catalogBuilt) {
        text = tr("Audiences are built around the products, brands and categories of the recommendation "
                  "catalog. Define and build the catalog first.");
    } else if (none) {
        text = tr("No audiences yet. Choose New audience… to find the people most likely to engage with a "
                  "product, brand or category, and pick how many to keep.");
    }
    m_empty->setText(text);
    m_empty->setVisible(!text.isEmpty());
    m_catalogButton->setVisible(!m_path.isEmpty() && !m_catalogBuilt);
}

bool AudiencesArea::newAudience()
{
    if (m_path.isEmpty() || !m_catalogBuilt) {
        return false;
    }
    m_builder->reset();
    reloadSegments(); // segments saved since the list was read can restrict who may enter
    m_stack->setCurrentWidget(m_builder);
    return true;
}

bool AudiencesArea::openAudience(const QString &name)
{
    if (!m_detail->showAudience(name)) {
        return false;
    }
    m_stack->setCurrentWidget(m_detail);
    return true;
}

void AudiencesArea::showList()
{
    m_stack->setCurrentIndex(static_cast<int>(Page::List));
}

AudiencesArea::Page AudiencesArea::page() const
{
    return static_cast<Page>(m_stack->currentIndex());
}

} // namespace awb::ui
