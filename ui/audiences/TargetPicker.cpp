// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/TargetPicker.h"

#include "catalog/CatalogValuesFilter.h"
#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace awb::ui {

namespace {
constexpr int kHorizons[] = {7, 14, 30, 60, 90};
constexpr int kDefaultHorizon = 30;

enum PopulationKind
{
    Everyone,
    OnlyIn,
    Excluding,
};

// The who-may-enter names carry what they name (audience or segment) beside the name.
constexpr int kSourceRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1;

void addHeading(QComboBox *combo, const QString &text)
{
    combo->addItem(text);
    if (auto *model = qobject_cast<QStandardItemModel *>(combo->model())) {
        QStandardItem *item = model->item(combo->count() - 1);
        item->setFlags(Qt::NoItemFlags);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
    }
}

void addName(QComboBox *combo, const QString &name, audience::MemberSource source, const QString &toolTip)
{
    // Indented under its heading; the data keeps the plain name.
    combo->addItem(QStringLiteral("   ") + name);
    const int row = combo->count() - 1;
    combo->setItemData(row, static_cast<int>(source), kSourceRole);
    combo->setItemData(row, name, kNameRole);
    combo->setItemData(row, toolTip, Qt::ToolTipRole);
}
} // namespace

TargetPicker::TargetPicker(QWidget *parent)
    : QWidget(parent), m_byValue(new QRadioButton(tr("A column value"), this)),
      m_byProduct(new QRadioButton(tr("One product"), this)), m_column(new QComboBox(this)),
      m_search(new QLineEdit(this)), m_values(new CatalogValuesModel(this)),
      m_filter(new CatalogValuesFilter(this)), m_view(new QTableView(this)), m_product(new QLineEdit(this)),
      m_choice(new QLabel(this)), m_note(new QLabel(this)), m_horizon(new QComboBox(this)),
      m_populationKind(new QComboBox(this)), m_populationAudience(new QComboBox(this)),
      m_guests(new QCheckBox(tr("Include guests and visitors"), this)),
      m_score(new QPushButton(tr("&Score"), this))
{
    setObjectName(QStringLiteral("targetPicker"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *heading = new QLabel(tr("<b>1. Build around</b>"), this);
    layout->addWidget(heading);
    layout->addWidget(createValueGroup(), 1);
    layout->addWidget(createOptions());
    m_score->setObjectName(QStringLiteral("scoreButton"));
    m_score->setDefault(true);
    m_score->setToolTip(tr("Score every profile for this target (Ctrl+Return)"));
    m_score->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    layout->addWidget(m_score);
    connect(m_score, &QPushButton::clicked, this, [this] {
        if (request()) {
            emit scoreRequested();
        }
    });
    updateChoice();
}

QWidget *TargetPicker::createValueGroup()
{
    auto *box = new QWidget(this);
    m_byValue->setObjectName(QStringLiteral("targetByValueRadio"));
    m_byProduct->setObjectName(QStringLiteral("targetByProductRadio"));
    auto *group = new QButtonGroup(box);
    group->addButton(m_byValue);
    group->addButton(m_byProduct);
    m_byValue->setChecked(true);
    m_column->setObjectName(QStringLiteral("targetColumnCombo"));
    m_search->setObjectName(QStringLiteral("targetValueSearch"));
    m_search->setPlaceholderText(tr("Search or type a value"));
    m_search->setClearButtonEnabled(true);
    m_filter->setSourceModel(m_values);
    m_filter->setSortRole(CatalogValuesModel::SortRole);
    m_view->setObjectName(QStringLiteral("targetValuesView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CatalogValuesModel::InteractionsColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setWordWrap(false);
    m_view->hideColumn(CatalogValuesModel::ColumnNameColumn);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(CatalogValuesModel::ValueColumn, QHeaderView::Stretch);
    m_view->setMinimumHeight(120);
    m_product->setObjectName(QStringLiteral("targetProductEdit"));
    m_product->setPlaceholderText(tr("Product id"));
    m_product->setEnabled(false);
    m_choice->setObjectName(QStringLiteral("targetChoiceLabel"));
    m_choice->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("targetNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: %1;").arg(palette::warning().name()));
    m_note->hide();

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(m_byValue);
    valueRow->addWidget(m_column, 1);
    layout->addLayout(valueRow);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    auto *productRow = new QHBoxLayout;
    productRow->addWidget(m_byProduct);
    productRow->addWidget(m_product, 1);
    layout->addLayout(productRow);
    layout->addWidget(m_choice);
    layout->addWidget(m_note);

    connect(m_byValue, &QRadioButton::toggled, this, [this](bool byValue) {
        m_column->setEnabled(byValue);
        m_search->setEnabled(byValue);
        m_view->setEnabled(byValue);
        m_product->setEnabled(!byValue);
        updateChoice();
    });
    connect(m_column, &QComboBox::currentIndexChanged, this, [this] {
        m_view->clearSelection();
        applyFilter();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        m_view->clearSelection();
        applyFilter();
    });
    connect(m_search, &QLineEdit::returnPressed, m_score, &QPushButton::click);
    connect(m_product, &QLineEdit::textChanged, this, &TargetPicker::updateChoice);
    connect(m_product, &QLineEdit::returnPressed, m_score, &QPushButton::click);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TargetPicker::updateChoice);
    connect(m_view, &QTableView::doubleClicked, m_score, &QPushButton::click);
    return box;
}

QWidget *TargetPicker::createOptions()
{
    auto *box = new QWidget(this);
    m_horizon->setObjectName(QStringLiteral("targetHorizonCombo"));
    for (int days : kHorizons) {
        m_horizon->addItem(tr("within %1").arg(format::plural(days, tr("%1 day"), tr("%1 days"))), days);
    }
    m_horizon->setCurrentIndex(m_horizon->findData(kDefaultHorizon));
    m_populationKind->setObjectName(QStringLiteral("populationKindCombo"));
    m_populationKind->addItem(tr("Anyone"), Everyone);
    m_populationKind->addItem(tr("Only members of"), OnlyIn);
    m_populationKind->addItem(tr("Anyone except members of"), Excluding);
    m_guests->setObjectName(QStringLiteral("populationGuestsCheck"));
    m_guests->setToolTip(tr("By default only identified people (with a user id: known customers you can "
                            "reach) may enter. Check to score guests and anonymous visitors too."));
    m_populationAudience->setObjectName(QStringLiteral("populationAudienceCombo"));
    m_populationAudience->setEnabled(false);
    m_populationAudience->setToolTip(tr("A saved audience or segment"));
    m_populationAudience->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_populationAudience->setMinimumContentsLength(14);

    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Likely to engage"), m_horizon);
    // The choice and the audience or segment it names on lines of their own: both stay readable in the
    // narrow column.
    form->addRow(tr("Who may enter"), m_populationKind);
    form->addRow(QString(), m_populationAudience);
    form->addRow(m_guests);

    connect(m_horizon, &QComboBox::currentIndexChanged, this, &TargetPicker::changed);
    connect(m_populationKind, &QComboBox::currentIndexChanged, this, [this] {
        m_populationAudience->setEnabled(m_populationKind->currentData().toInt() != Everyone &&
                                         m_populationAudience->count() > 0);
        emit changed();
    });
    connect(m_populationAudience, &QComboBox::currentIndexChanged, this, &TargetPicker::changed);
    connect(m_guests, &QCheckBox::toggled, this, &TargetPicker::changed);
    return box;
}

void TargetPicker::setCatalog(std::vector<ColumnValues> columns)
{
    const QString current = m_column->currentText();
    m_columns = columns;
    {
        const QSignalBlocker blocker(m_column);
        m_column->clear();
        for (const ColumnValues &c : m_columns) {
            m_column->addItem(c.column);
        }
        m_column->setCurrentIndex(qMax(0, m_column->findText(current)));
    }
    m_values->setValues(std::move(columns));
    // A catalog without columns can only target products.
    m_byValue->setEnabled(!m_columns.empty());
    if (m_columns.empty()) {
        m_byProduct->setChecked(true);
    }
    applyFilter();
}

void TargetPicker::setAudiences(const QStringList &names)
{
    m_audienceNames = names;
    fillPopulationNames();
}

void TargetPicker::setSegments(const std::vector<segments::SavedSegment> &segments)
{
    m_segments = segments;
    fillPopulationNames();
}

void TargetPicker::fillPopulationNames()
{
    const audience::Population current = population();
    {
        const QSignalBlocker blocker(m_populationAudience);
        m_populationAudience->clear();
        if (!m_audienceNames.isEmpty()) {
            addHeading(m_populationAudience, tr("Audiences"));
        }
        for (const QString &name : m_audienceNames) {
            addName(m_populationAudience, name, audience::MemberSource::Audience,
                    tr("The members of this audience snapshot"));
        }
        if (!m_segments.empty()) {
            addHeading(m_populationAudience, tr("Segments"));
        }
        for (const segments::SavedSegment &s : m_segments) {
            addName(m_populationAudience, QString::fromStdString(s.name), audience::MemberSource::Segment,
                    s.isStatic()
                        ? tr("Static segment: its %1 frozen members").arg(format::count(s.memberCount))
                        : tr("Segment: the people its rule matches as of the scoring date"));
        }
    }
    const bool any = !m_audienceNames.isEmpty() || !m_segments.empty();
    m_populationKind->setEnabled(any);
    if (!any) {
        m_populationKind->setCurrentIndex(0);
        m_populationKind->setToolTip(tr("Create an audience or save a segment first to restrict to it or "
                                        "exclude it."));
    } else {
        m_populationKind->setToolTip({});
    }
    // Keep the choice when it still exists (else the first name); without a name, everyone.
    setPopulation(current);
    m_populationAudience->setEnabled(m_populationKind->currentData().toInt() != Everyone && any);
}

void TargetPicker::applyFilter()
{
    m_filter->set(m_column->currentText(), m_search->text().trimmed());
    updateChoice();
}

void TargetPicker::setTarget(const QString &column, const QString &value)
{
    m_byValue->setChecked(true);
    m_column->setCurrentIndex(qMax(0, m_column->findText(column)));
    m_search->clear();
    // Select the exact value when it is listed; otherwise the typed text stands for it.
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, CatalogValuesModel::ValueColumn);
        if (index.data(CatalogValuesModel::ValueRole).toString() == value) {
            m_view->selectRow(row);
            m_view->scrollTo(index);
            updateChoice();
            return;
        }
    }
    m_search->setText(value);
}

void TargetPicker::setProductTarget(const QString &productId)
{
    m_byProduct->setChecked(true);
    m_product->setText(productId);
}

void TargetPicker::setHorizonDays(int days)
{
    m_horizon->setCurrentIndex(qMax(0, m_horizon->findData(days)));
}

void TargetPicker::setPopulation(const audience::Population &population)
{
    const bool onlyIn = !population.onlyIn.empty();
    const QString name = QString::fromStdString(onlyIn ? population.onlyIn : population.excluding);
    const int source = static_cast<int>(onlyIn ? population.onlyInSource : population.excludingSource);
    int index = -1;
    for (int i = 0; i < m_populationAudience->count(); ++i) {
        const bool selectable = m_populationAudience->itemData(i, kNameRole).isValid();
        if (selectable && index < 0) {
            index = i; // the first name, unless the named one is found
        }
        if (selectable && m_populationAudience->itemData(i, kNameRole).toString() == name &&
            m_populationAudience->itemData(i, kSourceRole).toInt() == source) {
            index = i;
            break;
        }
    }
    const QSignalBlocker blocker(m_populationAudience);
    m_populationAudience->setCurrentIndex(index);
    m_guests->setChecked(population.everyone);
    m_populationKind->setCurrentIndex(population.isUnrestricted() || index < 0 ? Everyone
                                      : onlyIn                             ? OnlyIn
                                                                           : Excluding);
}

QString TargetPicker::chosenValue() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(CatalogValuesModel::ValueColumn);
    if (!rows.isEmpty()) {
        return rows.front().data(CatalogValuesModel::ValueRole).toString();
    }
    return m_search->text().trimmed();
}

void TargetPicker::updateChoice()
{
    QString note;
    QString choice;
    if (m_byProduct->isChecked()) {
        const QString product = m_product->text().trimmed();
        choice = product.isEmpty() ? tr("Type a product id.")
                                   : tr("Target: product <b>%1</b>").arg(product.toHtmlEscaped());
    } else {
        const QString column = m_column->currentText();
        const QString value = chosenValue();
        const catalog::ValueCount *known = nullptr;
        for (const ColumnValues &c : m_columns) {
            for (const catalog::ValueCount &v : c.values) {
                if (c.column == column && QString::fromStdString(v.value) == value) {
                    known = &v;
                }
            }
        }
        if (value.isEmpty()) {
            choice = tr("Pick a value, or type one.");
        } else if (known) {
            choice =
                tr("Target: <b>%1 = %2</b> · %3, %4")
                    .arg(column.toHtmlEscaped(), value.toHtmlEscaped(),
                         format::plural(known->products, tr("%1 product"), tr("%1 products")),
                         format::plural(known->interactions, tr("%1 interaction"), tr("%1 interactions")));
        } else {
            choice = tr("Target: <b>%1 = %2</b>").arg(column.toHtmlEscaped(), value.toHtmlEscaped());
            note = tr("No product in the catalog has %1 = \"%2\" yet: scoring will say so. Pick a listed "
                      "value, or rebuild the catalog after importing its products.")
                       .arg(column, value);
        }
    }
    m_choice->setText(choice);
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    m_score->setEnabled(request().has_value());
    emit changed();
}

std::optional<services::DraftRequest> TargetPicker::request() const
{
    services::DraftRequest r;
    r.population = population();
    r.horizonMs = m_horizon->currentData().toLongLong() * services::kDayMs;
    if (m_byProduct->isChecked()) {
        r.target.productId = m_product->text().trimmed().toStdString();
        return r.target.productId.empty() ? std::nullopt : std::optional(r);
    }
    r.target.column = m_column->currentText().toStdString();
    r.target.value = chosenValue().toStdString();
    return r.target.column.empty() || r.target.value.empty() ? std::nullopt : std::optional(r);
}

audience::Population TargetPicker::population() const
{
    audience::Population p;
    p.everyone = m_guests->isChecked();
    const std::string name = m_populationAudience->currentData(kNameRole).toString().toStdString();
    const auto source =
        static_cast<audience::MemberSource>(m_populationAudience->currentData(kSourceRole).toInt());
    switch (m_populationKind->currentData().toInt()) {
    case OnlyIn:
        p.onlyIn = name;
        p.onlyInSource = source;
        break;
    case Excluding:
        p.excluding = name;
        p.excludingSource = source;
        break;
    default:
        break;
    }
    return p;
}

QString TargetPicker::note() const
{
    return m_note->text();
}

} // namespace awb::ui
