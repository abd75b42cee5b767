// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentsArea.h"

#include "charts/ChartPalette.h"
#include "main/ShowError.h"
#include "segments/LiveEvaluation.h"
#include "segments/RuleJson.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentFreezer.h"
#include "segments/SegmentListModel.h"
#include "services/SegmentService.h"
#include "widgets/ConfirmDelete.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace awb::ui {

namespace {
constexpr int kMaxNoteWidth = 220;
} // namespace

SegmentsArea::SegmentsArea(QWidget *parent)
    : QWidget(parent), m_live(new LiveEvaluation(this)), m_stack(new QStackedWidget(this)),
      m_list(new SegmentListModel(this)), m_sorted(new QSortFilterProxyModel(this)),
      m_view(new QTableView(this)), m_empty(new QLabel(this)),
      m_new(new QPushButton(tr("&New segment"), this)), m_builder(new SegmentBuilder(*m_live, this)),
      m_freezer(new SegmentFreezer(*m_live, this))
{
    setObjectName(QStringLiteral("segmentsArea"));
    m_stack->addWidget(createListPage());
    m_stack->addWidget(m_builder);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_builder, &SegmentBuilder::backRequested, this, &SegmentsArea::showList);
    connect(m_builder, &SegmentBuilder::saved, this, [this](const QString &name) {
        reload();
        select(name);
    });
    connect(m_builder, &SegmentBuilder::freezeRequested, this, &SegmentsArea::askFreeze);
    connect(m_freezer, &SegmentFreezer::frozen, this, [this](const QString &name) {
        reload();
        select(name);
        openSegment(name);
    });
    connect(m_live, &LiveEvaluation::loaded, this, [this] { m_live->countSaved(); });
    connect(m_live, &LiveEvaluation::savedCounted, m_list, &SegmentListModel::setCounts);
    connect(m_live, &LiveEvaluation::loadFailed, this, [this](const Error &e) { showError(this, e); });
    setWorkspace({});
}

SegmentsArea::~SegmentsArea() = default;

QVBoxLayout *SegmentsArea::createListActions(QWidget *page)
{
    auto *title = new QLabel(tr("<h3 style=\"margin:0\">Segments</h3>"), page);
    m_new->setObjectName(QStringLiteral("newSegmentButton"));
    m_new->setToolTip(tr("Build a rule on computed traits, events and memberships, with a live count"));
    auto *fromTemplate = new QToolButton(page);
    fromTemplate->setObjectName(QStringLiteral("newFromTemplateButton"));
    fromTemplate->setText(tr("From a template"));
    fromTemplate->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(fromTemplate);
    menu->setToolTipsVisible(true);
    for (const segments::TemplateInfo &t : services::SegmentService::templates()) {
        const QString name = QString::fromStdString(t.name);
        QAction *a =
            menu->addAction(QString::fromStdString(t.label), this, [this, name] { newFromTemplate(name); });
        a->setToolTip(QString::fromStdString(t.description));
    }
    fromTemplate->setMenu(menu);
    const auto button = [&](const QString &text, const char *name, auto slot) {
        auto *b = new QToolButton(page);
        b->setText(text);
        b->setObjectName(QString::fromLatin1(name));
        connect(b, &QToolButton::clicked, this, [this, slot] {
            const QString current = currentName();
            if (!current.isEmpty()) {
                slot(current);
            }
        });
        m_rowButtons.push_back(b);
        return b;
    };
    // Creating on the title's line, the chosen segment's actions under it (narrow windows keep both).
    auto *heading = new QHBoxLayout;
    heading->addWidget(title, 1);
    heading->addWidget(fromTemplate);
    heading->addWidget(m_new);
    auto *top = new QHBoxLayout;
    top->addWidget(button(tr("&Open"), "openSegmentButton", [this](const QString &n) { openSegment(n); }));
    top->addWidget(button(tr("&Rename…"), "renameSegmentButton", [this](const QString &n) { askRename(n); }));
    top->addWidget(button(tr("D&uplicate"), "duplicateSegmentButton",
                          [this](const QString &n) { duplicateSegment(n); }));
    m_freezeButton = button(tr("&Freeze…"), "freezeListButton", [this](const QString &n) { askFreeze(n); });
    m_freezeButton->setToolTip(
        tr("Keep the people the segment matches now as a static segment that never changes"));
    top->addWidget(m_freezeButton);
    top->addWidget(button(tr("&Export…"), "exportSavedButton", [this](const QString &n) { exportSaved(n); }));
    top->addWidget(
        button(tr("&Delete…"), "deleteSegmentButton", [this](const QString &n) { confirmRemove(n); }));
    top->addStretch(1);
    auto *rows = new QVBoxLayout;
    rows->addLayout(heading);
    rows->addLayout(top);
    return rows;
}

QWidget *SegmentsArea::createListPage()
{
    auto *page = new QWidget(this);
    QVBoxLayout *top = createListActions(page);
    m_sorted->setSourceModel(m_list);
    m_sorted->setSortRole(SegmentListModel::SortRole);
    m_view->setObjectName(QStringLiteral("segmentsView"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SegmentListModel::UpdatedColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(SegmentListModel::RuleColumn, QHeaderView::Stretch);
    // Rules are cut to the column's width by conditions ("… and 2 more conditions"), not mid-word.
    connect(header, &QHeaderView::sectionResized, this, [this](int section, int, int width) {
        if (section == SegmentListModel::RuleColumn) {
            const int margins =
                2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1);
            m_list->setSummaryLength((width - margins) /
                                     std::max(1, m_view->fontMetrics().averageCharWidth()));
        }
    });
    header->setSectionResizeMode(SegmentListModel::PeopleColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SegmentListModel::KindColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SegmentListModel::UpdatedColumn, QHeaderView::ResizeToContents);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->setToolTip(tr("Double-click (or Enter) to open a segment"));
    m_empty->setObjectName(QStringLiteral("segmentsEmptyLabel"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: %1; padding: 24px;").arg(palette::mutedText().name()));

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty);
    layout->addStretch(0);

    connect(m_new, &QPushButton::clicked, this, &SegmentsArea::newSegment);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        openSegment(index.data(SegmentListModel::NameRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SegmentsArea::updateEmptyState);
    return page;
}

void SegmentsArea::setWorkspace(const QString &path)
{
    m_path = path;
    m_live->setAsOf(std::nullopt); // another workspace starts from now
    m_live->setWorkspace(path);
    m_builder->newSegment();
    showList();
    reload();
    if (isVisible()) {
        m_live->ensureLoaded();
    }
}

void SegmentsArea::invalidateTraits()
{
    m_live->invalidate();
}

void SegmentsArea::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_live->ensureLoaded();
}

void SegmentsArea::reload()
{
    std::vector<segments::SavedSegment> saved;
    if (!m_path.isEmpty()) {
        saved = valueOrShowError(this, services::SegmentService(m_path.toStdString()).list());
    }
    const QString current = currentName();
    m_list->setSegments(std::move(saved));
    m_view->resizeColumnToContents(SegmentListModel::NameColumn);
    // Notes are optional: the column shows when one is written, no wider than a short note.
    m_view->setColumnHidden(SegmentListModel::NoteColumn, !m_list->hasNotes());
    m_view->resizeColumnToContents(SegmentListModel::NoteColumn);
    m_view->setColumnWidth(SegmentListModel::NoteColumn,
                           std::min(m_view->columnWidth(SegmentListModel::NoteColumn), kMaxNoteWidth));
    // Keep the chosen segment chosen (else the first), so the row buttons apply at once.
    select(current);
    m_builder->setSegments(m_list->names());
    m_builder->followSavedSegments(m_list->segments());
    m_live->setSegmentNames(m_list->names());
    if (!m_path.isEmpty()) {
        m_live->countSaved();
    }
    updateEmptyState();
}

void SegmentsArea::updateEmptyState()
{
    const bool none = m_list->rowCount() == 0;
    m_view->setVisible(!none);
    m_new->setEnabled(!m_path.isEmpty());
    for (QToolButton *b : m_rowButtons) {
        b->setEnabled(!currentName().isEmpty());
    }
    const segments::SavedSegment *current = m_list->find(currentName());
    // A static segment is frozen already (Duplicate gives its rule back as a rule segment).
    m_freezeButton->setEnabled(current && !current->isStatic());
    QString text;
    if (m_path.isEmpty()) {
        text = tr("Open a workspace to build segments.");
    } else if (none) {
        text = tr("No saved segments yet. Choose New segment to combine conditions on spend, orders, visits, "
                  "discounts, RFM scores, predictions and events, or start from a template such as Lapsed "
                  "VIPs. The count of matching people updates as you edit.");
    }
    m_empty->setText(text);
    m_empty->setVisible(!text.isEmpty());
}

void SegmentsArea::select(const QString &name)
{
    const int row = m_list->rowOf(name);
    if (m_list->rowCount() > 0) {
        m_view->setCurrentIndex(row >= 0 ? m_sorted->mapFromSource(m_list->index(row, 0))
                                         : m_sorted->index(0, 0));
    }
    updateEmptyState();
}

QString SegmentsArea::currentName() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(SegmentListModel::NameRole).toString() : QString();
}

void SegmentsArea::newSegment()
{
    if (m_path.isEmpty()) {
        return;
    }
    m_stack->setCurrentWidget(m_builder);
    m_builder->askToSaveThen([this] { m_builder->newSegment(); });
}

void SegmentsArea::newFromTemplate(const QString &name)
{
    if (m_path.isEmpty()) {
        return;
    }
    m_stack->setCurrentWidget(m_builder);
    m_builder->askToSaveThen([this, name] {
        m_builder->newSegment();
        m_builder->chooseTemplate(name);
    });
}

void SegmentsArea::whenNothingUnsaved(std::function<void()> proceed)
{
    if (m_builder->hasUnsavedChanges()) {
        m_stack->setCurrentWidget(m_builder); // the changes in question are in sight
    }
    m_builder->askToSaveThen(std::move(proceed));
}

bool SegmentsArea::openSegment(const QString &name)
{
    if (m_builder->hasUnsavedChanges()) {
        // Another segment replaces these changes only once they are saved or discarded.
        whenNothingUnsaved([this, name] { openSegment(name); });
        return false;
    }
    if (!m_builder->openSegment(name)) {
        return false;
    }
    m_stack->setCurrentWidget(m_builder);
    return true;
}

bool SegmentsArea::renameSegment(const QString &from, const QString &to)
{
    const auto renamed =
        services::SegmentService(m_path.toStdString()).rename(from.toStdString(), to.toStdString());
    if (!renamed) {
        showError(this, renamed.error());
        return false;
    }
    reload();
    return true;
}

QString SegmentsArea::duplicateSegment(const QString &name)
{
    services::SegmentService service(m_path.toStdString());
    auto saved = service.find(name.toStdString());
    auto rule = saved ? segments::ruleFromJson(saved->ruleJson) : Result<segments::Rule>(fail(saved.error()));
    if (!rule) {
        showError(this, rule.error());
        return {};
    }
    const QStringList taken = m_list->names();
    QString copy = tr("%1 copy").arg(name);
    for (int n = 2; taken.contains(copy); ++n) {
        copy = tr("%1 copy %2").arg(name).arg(n);
    }
    const int row = m_list->rowOf(name);
    const std::string description =
        row >= 0 ? m_list->segments()[static_cast<std::size_t>(row)].description : "";
    if (auto saved = service.save(copy.toStdString(), description, *rule); !saved) {
        showError(this, saved.error());
        return {};
    }
    reload();
    return copy;
}

bool SegmentsArea::removeSegment(const QString &name)
{
    const auto removed = services::SegmentService(m_path.toStdString()).remove(name.toStdString());
    if (!removed) {
        showError(this, removed.error());
        return false;
    }
    reload();
    return true;
}

void SegmentsArea::askFreeze(const QString &name, bool unsaved)
{
    m_freezer->ask(name, m_list->names(), unsaved);
}

void SegmentsArea::confirmRemove(const QString &name)
{
    confirmDelete(this, tr("Delete segment"),
                  tr("Delete the segment \"%1\"? Segments whose rules refer to it will no longer count; this "
                     "cannot be undone.")
                      .arg(name),
                  [this, name] { removeSegment(name); });
}

void SegmentsArea::askRename(const QString &name)
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("renameSegmentDialog"));
    dialog->setWindowTitle(tr("Rename segment"));
    dialog->setLabelText(tr("New name for \"%1\":").arg(name));
    dialog->setTextValue(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, name](const QString &to) {
        if (!to.trimmed().isEmpty() && to.trimmed() != name) {
            renameSegment(name, to.trimmed());
        }
    });
    dialog->open();
}

void SegmentsArea::exportSaved(const QString &name)
{
    if (openSegment(name)) {
        m_builder->startExport();
    }
}

void SegmentsArea::showList()
{
    m_stack->setCurrentIndex(static_cast<int>(Page::List));
}

SegmentsArea::Page SegmentsArea::page() const
{
    return static_cast<Page>(m_stack->currentIndex());
}

} // namespace awb::ui
