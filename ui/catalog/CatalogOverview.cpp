// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/CatalogOverview.h"

#include "catalog/CatalogValuesFilter.h"
#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace awb::ui {

namespace {

QString definitionHtml(const catalog::CatalogDefinition &d)
{
    const QString muted = palette::mutedText().name();
    QString out = QStringLiteral("<p style=\"margin-bottom:4px\"><b>%1</b></p>")
                      .arg(CatalogOverview::tr("Interaction events"));
    for (const catalog::CatalogEvent &e : d.events) {
        out += QStringLiteral("%1 <span style=\"color:%2\">· %3 · weight %4</span><br>")
                   .arg(QString::fromStdString(e.name).toHtmlEscaped(), muted,
                        QString::fromStdString(e.productProperty).toHtmlEscaped(), QString::number(e.weight));
    }
    out += QStringLiteral("<p style=\"margin-bottom:4px\"><b>%1</b></p>").arg(CatalogOverview::tr("Columns"));
    if (d.columns.empty()) {
        out += CatalogOverview::tr("None");
    }
    for (const catalog::CatalogColumn &c : d.columns) {
        QString source = QString::fromStdString(c.property).toHtmlEscaped();
        if (!c.split.empty()) {
            source +=
                CatalogOverview::tr(", split on “%1”").arg(QString::fromStdString(c.split).toHtmlEscaped());
        }
        for (const catalog::ColumnOverride &o : c.overrides) {
            source += CatalogOverview::tr("; on %1: %2")
                          .arg(QString::fromStdString(o.event).toHtmlEscaped(),
                               QString::fromStdString(o.property).toHtmlEscaped());
        }
        out += QStringLiteral("%1 <span style=\"color:%2\">← %3</span><br>")
                   .arg(QString::fromStdString(c.name).toHtmlEscaped(), muted, source);
    }
    return out;
}

QString buildHtml(const std::optional<catalog::CatalogBuildInfo> &b)
{
    if (!b) {
        return QStringLiteral("<span style=\"color:%1\">%2</span>")
            .arg(palette::warning().name(), CatalogOverview::tr("Not built yet: press Rebuild."));
    }
    const QString row =
        QStringLiteral("<tr><td style=\"padding-right:16px\">%1</td><td align=\"right\"><b>%2</b></td></tr>");
    QString out = QStringLiteral("<table>") + row.arg(CatalogOverview::tr("Items"), format::count(b->items)) +
                  row.arg(CatalogOverview::tr("Interactions"), format::count(b->interactions)) +
                  row.arg(CatalogOverview::tr("Profiles"), format::count(b->profiles));
    if (b->skipped > 0) {
        out += row.arg(CatalogOverview::tr("Rows without id"), format::count(b->skipped));
    }
    return out +
           row.arg(CatalogOverview::tr("Built at"),
                   format::timestamp(b->builtAtMs) + QStringLiteral(" UTC")) +
           QStringLiteral("</table>");
}

} // namespace

CatalogOverview::CatalogOverview(QWidget *parent)
    : QWidget(parent), m_definition(new QLabel(this)), m_build(new QLabel(this)),
      m_column(new QComboBox(this)), m_search(new QLineEdit(this)), m_values(new CatalogValuesModel(this)),
      m_proxy(new CatalogValuesFilter(this)), m_view(new QTableView(this))
{
    m_definition->setObjectName(QStringLiteral("catalogDefinitionLabel"));
    m_definition->setTextFormat(Qt::RichText);
    m_definition->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_definition->setWordWrap(true);
    m_build->setObjectName(QStringLiteral("catalogBuildLabel"));
    m_build->setTextFormat(Qt::RichText);
    m_column->setObjectName(QStringLiteral("catalogValuesColumnCombo"));
    m_search->setObjectName(QStringLiteral("catalogValuesSearch"));
    m_search->setPlaceholderText(tr("Search values"));
    m_search->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_values);
    m_proxy->setSortRole(CatalogValuesModel::SortRole);
    m_view->setObjectName(QStringLiteral("catalogValuesView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CatalogValuesModel::InteractionsColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(CatalogValuesModel::ValueColumn, QHeaderView::Stretch);
    m_view->setToolTip(tr("Double-click a value to model who is most likely to engage with it."));

    auto *definitionBox = new QGroupBox(tr("Definition"), this);
    auto *definitionLayout = new QVBoxLayout(definitionBox);
    definitionLayout->addWidget(m_definition);
    definitionLayout->addStretch(1);
    auto *buildBox = new QGroupBox(tr("Last build"), this);
    (new QVBoxLayout(buildBox))->addWidget(m_build);
    auto *left = new QVBoxLayout;
    left->addWidget(buildBox);
    left->addWidget(definitionBox, 1);

    auto *valuesBox = new QGroupBox(tr("Values"), this);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_column);
    filters->addWidget(m_search, 1);
    auto *valuesLayout = new QVBoxLayout(valuesBox);
    valuesLayout->addLayout(filters);
    valuesLayout->addWidget(m_view, 1);
    auto *hint =
        new QLabel(tr("Double-click a value to model who is most likely to engage with it."), valuesBox);
    hint->setStyleSheet(QStringLiteral("color: %1;").arg(palette::mutedText().name()));
    hint->setWordWrap(true);
    valuesLayout->addWidget(hint);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 2);
    layout->addWidget(valuesBox, 3);

    connect(m_column, &QComboBox::currentIndexChanged, this, &CatalogOverview::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, &CatalogOverview::applyFilter);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        emit targetChosen(index.data(CatalogValuesModel::ColumnNameRole).toString(),
                          index.data(CatalogValuesModel::ValueRole).toString());
    });
}

void CatalogOverview::showCatalog(const catalog::CatalogDefinition &definition,
                                  const std::optional<catalog::CatalogBuildInfo> &build,
                                  std::vector<ColumnValues> values)
{
    m_definition->setText(definitionHtml(definition));
    m_build->setText(buildHtml(build));
    const QString current = m_column->currentData().toString();
    {
        const QSignalBlocker blocker(m_column);
        m_column->clear();
        m_column->addItem(tr("All columns"), QString());
        for (const ColumnValues &c : values) {
            m_column->addItem(
                tr("%1 (%2)").arg(c.column, format::plural(static_cast<std::int64_t>(c.values.size()),
                                                           tr("%1 value"), tr("%1 values"))),
                c.column);
        }
        m_column->setCurrentIndex(qMax(0, m_column->findData(current)));
    }
    m_values->setValues(std::move(values));
    applyFilter();
    m_view->resizeColumnToContents(CatalogValuesModel::ColumnNameColumn);
}

QAbstractItemModel *CatalogOverview::visibleValues() const
{
    return m_proxy;
}

void CatalogOverview::setFilter(const QString &column, const QString &text)
{
    m_column->setCurrentIndex(qMax(0, m_column->findData(column)));
    m_search->setText(text);
    applyFilter();
}

void CatalogOverview::applyFilter()
{
    m_proxy->set(m_column->currentData().toString(), m_search->text());
}

} // namespace awb::ui
