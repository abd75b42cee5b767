// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CatalogColumnsPage.h"

#include "charts/ChartPalette.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "services/CatalogService.h"
#include "wizards/CatalogEventPropertiesDialog.h"
#include "wizards/CatalogWizardState.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <map>
#include <set>

namespace awb::ui {

namespace {
constexpr std::size_t kPreviewValues = 8;
constexpr int kNameWidth = 170;
constexpr int kPropertyWidth = 200;
constexpr int kSplitWidth = 70;
constexpr int kPerEventWidth = 110;

struct Suggestion
{
    const char *column;
    std::vector<const char *> keys; ///< property names that suggest the column, best first
};
// The product hierarchy first, as Segment's catalog mapping encourages.
const Suggestion kSuggestions[] = {
    {"Name", {"name", "title", "product_name"}},
    {"Brand", {"brand", "manufacturer", "vendor"}},
    {"Category", {"category", "category_1", "category1"}},
    {"Subcategory", {"subcategory", "sub_category", "category_2", "category2"}},
    {"Genre", {"genres", "genre"}},
    {"Price", {"price"}},
};

struct SampledKey
{
    std::int64_t rows = 0;
    bool listLike = false; ///< an example holds "|": probably a multi-valued string
};

QLabel *headerLabel(const QString &text, int width)
{
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
    if (width > 0) {
        label->setFixedWidth(width);
    }
    return label;
}
} // namespace

CatalogColumnsPage::CatalogColumnsPage(CatalogWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_rowsLayout(new QVBoxLayout),
      m_add(new QPushButton(tr("Add column"), this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("catalogColumnsPage"));
    setTitle(tr("Columns"));
    setSubTitle(tr("Map product properties to the columns audiences target: name, brand, the category "
                   "hierarchy, price, or any other property. A separator such as | splits a multi-valued "
                   "text (genres); a list is always multi-valued. Where an event names a property "
                   "differently, set it with Per event."));
    auto *header = new QHBoxLayout;
    header->addWidget(headerLabel(tr("Column"), kNameWidth));
    header->addWidget(headerLabel(tr("Property"), kPropertyWidth));
    header->addWidget(headerLabel(tr("Split on"), kSplitWidth));
    header->addWidget(headerLabel(QString(), kPerEventWidth));
    header->addWidget(headerLabel(tr("Values in the latest product rows"), 0), 1);
    header->addSpacing(32);
    m_rowsLayout->setSpacing(6);
    auto *inner = new QWidget;
    auto *innerLayout = new QVBoxLayout(inner);
    innerLayout->setContentsMargins(0, 0, 0, 0);
    innerLayout->addLayout(m_rowsLayout);
    innerLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);
    m_add->setObjectName(QStringLiteral("catalogAddColumnButton"));
    m_message->setObjectName(QStringLiteral("catalogColumnsMessage"));
    m_message->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    connect(m_add, &QPushButton::clicked, this, [this] { addColumn({}); });
}

void CatalogColumnsPage::initializePage()
{
    std::map<std::string, SampledKey> keys;
    for (const catalog::CatalogEvent &event : m_state.definition.events) {
        auto props = m_state.properties(event.name);
        if (!props) {
            showError(this, props.error());
            continue;
        }
        for (const catalog::PropertyKey &k : (*props)->keys) {
            SampledKey &key = keys[k.key];
            key.rows += k.rows;
            for (const std::string &example : k.examples) {
                key.listLike = key.listLike || example.find('|') != std::string::npos;
            }
        }
    }
    std::vector<std::pair<std::string, SampledKey>> sorted(keys.begin(), keys.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.second.rows > b.second.rows; });
    m_properties.clear();
    for (const auto &[key, info] : sorted) {
        m_properties << QString::fromStdString(key);
    }
    clearRows();
    if (!m_state.definition.columns.empty()) {
        for (const catalog::CatalogColumn &c : m_state.definition.columns) {
            addColumn(c);
        }
        return;
    }
    for (const Suggestion &s : kSuggestions) {
        for (const char *key : s.keys) {
            if (const auto it = keys.find(key); it != keys.end()) {
                addColumn({s.column, key, it->second.listLike ? "|" : ""});
                break;
            }
        }
    }
    updateMessage();
}

void CatalogColumnsPage::clearRows()
{
    for (const Row &row : m_rows) {
        delete row.widget;
    }
    m_rows.clear();
}

void CatalogColumnsPage::addColumn(const catalog::CatalogColumn &column)
{
    auto *widget = new QWidget;
    widget->setObjectName(QStringLiteral("catalogColumnRow"));
    Row row{widget,
            new QLineEdit(widget),
            new QComboBox(widget),
            new QLineEdit(widget),
            new QToolButton(widget),
            new QLabel(widget),
            column.overrides};
    row.name->setObjectName(QStringLiteral("catalogColumnName"));
    row.name->setFixedWidth(kNameWidth);
    row.name->setPlaceholderText(tr("Column name"));
    row.name->setText(QString::fromStdString(column.name));
    row.property->setObjectName(QStringLiteral("catalogColumnProperty"));
    row.property->setFixedWidth(kPropertyWidth);
    row.property->setEditable(true);
    row.property->setInsertPolicy(QComboBox::NoInsert);
    row.property->addItems(m_properties);
    row.property->setCurrentText(QString::fromStdString(catalog::productKey(column.property)));
    row.split->setObjectName(QStringLiteral("catalogColumnSplit"));
    row.split->setFixedWidth(kSplitWidth);
    row.split->setPlaceholderText(tr("none"));
    row.split->setText(QString::fromStdString(column.split));
    row.perEvent->setObjectName(QStringLiteral("catalogColumnPerEventButton"));
    row.perEvent->setFixedWidth(kPerEventWidth);
    updatePerEventButton(row);
    row.preview->setObjectName(QStringLiteral("catalogColumnPreview"));
    row.preview->setTextFormat(Qt::RichText);
    row.preview->setWordWrap(true);
    auto *remove = new QToolButton(widget);
    remove->setObjectName(QStringLiteral("catalogRemoveColumnButton"));
    remove->setText(QStringLiteral("✕"));
    remove->setToolTip(tr("Remove this column"));
    auto *layout = new QHBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row.name);
    layout->addWidget(row.property);
    layout->addWidget(row.split);
    layout->addWidget(row.perEvent);
    layout->addWidget(row.preview, 1);
    layout->addWidget(remove);
    m_rowsLayout->addWidget(widget);
    widget->show(); // at once, not on the next event loop turn (a layout shows new children late)
    m_rows.push_back(row);
    updatePreview(row);

    auto refresh = [this, widget] {
        for (const Row &r : m_rows) {
            if (r.widget == widget) {
                updatePreview(r);
            }
        }
        updateMessage();
    };
    connect(row.property, &QComboBox::currentTextChanged, this, refresh);
    connect(row.split, &QLineEdit::textChanged, this, refresh);
    connect(row.name, &QLineEdit::textChanged, this, &CatalogColumnsPage::updateMessage);
    auto rowIndex = [this, widget] {
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].widget == widget) {
                return static_cast<int>(i);
            }
        }
        return -1;
    };
    connect(remove, &QToolButton::clicked, this, [this, rowIndex] { removeColumn(rowIndex()); });
    connect(row.perEvent, &QToolButton::clicked, this, [this, rowIndex] { editEventProperties(rowIndex()); });
    updateMessage();
}

void CatalogColumnsPage::removeColumn(int row)
{
    if (row < 0 || row >= columnCount()) {
        return;
    }
    // Deleted later: this may run from the row's own remove button.
    m_rows[static_cast<std::size_t>(row)].widget->hide();
    m_rows[static_cast<std::size_t>(row)].widget->deleteLater();
    m_rows.erase(m_rows.begin() + row);
    updateMessage();
}

catalog::CatalogColumn CatalogColumnsPage::columnOf(const Row &row) const
{
    return {row.name->text().trimmed().toStdString(), row.property->currentText().trimmed().toStdString(),
            row.split->text().toStdString(), row.overrides};
}

void CatalogColumnsPage::updatePreview(const Row &row)
{
    const catalog::CatalogColumn column = columnOf(row);
    if (column.property.empty()) {
        row.preview->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                                 .arg(palette::mutedText().name(), tr("Choose a property")));
        return;
    }
    std::vector<std::string> events;
    for (const catalog::CatalogEvent &e : m_state.definition.events) {
        events.push_back(e.name);
    }
    row.preview->setText(columnPreviewHtml(m_state.workspacePath, events, column, kPreviewValues));
}

void CatalogColumnsPage::updatePerEventButton(const Row &row)
{
    if (row.overrides.empty()) {
        row.perEvent->setText(tr("Per event…"));
        row.perEvent->setToolTip(tr("Read another property on some events (where they name it differently)"));
        return;
    }
    row.perEvent->setText(tr("Per event: %1").arg(row.overrides.size()));
    QStringList lines;
    for (const catalog::ColumnOverride &o : row.overrides) {
        lines << tr("On %1: %2").arg(QString::fromStdString(o.event), QString::fromStdString(o.property));
    }
    row.perEvent->setToolTip(lines.join(QLatin1Char('\n')));
}

void CatalogColumnsPage::editEventProperties(int row)
{
    if (row < 0 || row >= columnCount()) {
        return;
    }
    QWidget *widget = m_rows[static_cast<std::size_t>(row)].widget;
    auto *dialog =
        new CatalogEventPropertiesDialog(m_state, columnOf(m_rows[static_cast<std::size_t>(row)]), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, widget] {
        for (Row &r : m_rows) {
            if (r.widget == widget) {
                r.overrides = dialog->overrides();
                updatePerEventButton(r);
                updatePreview(r);
            }
        }
        updateMessage();
    });
    dialog->open();
}

std::vector<catalog::CatalogColumn> CatalogColumnsPage::columns() const
{
    std::vector<catalog::CatalogColumn> out;
    for (const Row &row : m_rows) {
        const QString name = row.name->text().trimmed();
        const QString property = row.property->currentText().trimmed();
        if (name.isEmpty() && property.isEmpty()) {
            continue;
        }
        out.push_back(columnOf(row));
    }
    return out;
}

QString CatalogColumnsPage::previewText(int row) const
{
    return row >= 0 && row < columnCount() ? m_rows[static_cast<std::size_t>(row)].preview->text()
                                           : QString();
}

QString CatalogColumnsPage::problem() const
{
    std::set<QString> names;
    for (const catalog::CatalogColumn &c : columns()) {
        const QString name = QString::fromStdString(c.name);
        if (name.isEmpty()) {
            return tr("Give the column reading “%1” a name.").arg(QString::fromStdString(c.property));
        }
        if (c.property.empty()) {
            return tr("Choose the property of column “%1”.").arg(name);
        }
        if (!names.insert(name.toLower()).second) {
            return tr("There are two columns named “%1”.").arg(name);
        }
    }
    return {};
}

void CatalogColumnsPage::updateMessage()
{
    const QString issue = problem();
    if (!issue.isEmpty()) {
        m_message->setStyleSheet(QStringLiteral("color: %1;").arg(palette::error().name()));
        m_message->setText(issue);
    } else if (columns().empty()) {
        m_message->setStyleSheet(QStringLiteral("color: %1;").arg(palette::warning().name()));
        m_message->setText(tr("Without columns, audiences can only target single products."));
    } else {
        m_message->setStyleSheet({});
        m_message->clear();
    }
    emit completeChanged();
}

void CatalogColumnsPage::cleanupPage()
{
    m_state.definition.columns = columns();
}

bool CatalogColumnsPage::isComplete() const
{
    return problem().isEmpty();
}

bool CatalogColumnsPage::validatePage()
{
    if (!isComplete()) {
        return false;
    }
    m_state.definition.columns = columns();
    return true;
}

} // namespace awb::ui
