// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CatalogEventPropertiesDialog.h"

#include "charts/ChartPalette.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "services/CatalogService.h"
#include "wizards/CatalogWizardState.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace awb::ui {

namespace {
constexpr std::size_t kPreviewValues = 6;
constexpr int kPreviewChars = 24; // longer values (product names) are cut in the preview

QString muted(const QString &text)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(palette::mutedText().name(), text);
}
} // namespace

QString columnPreviewHtml(const QString &workspacePath, const std::vector<std::string> &events,
                          const catalog::CatalogColumn &column, std::size_t maxValues)
{
    const auto preview =
        services::CatalogService(workspacePath.toStdString()).previewValues(events, column, maxValues);
    if (!preview) {
        return QString::fromStdString(preview.error().message).toHtmlEscaped();
    }
    if (preview->values.empty()) {
        return QStringLiteral("<span style=\"color:%1\">%2</span>")
            .arg(palette::error().name(),
                 CatalogEventPropertiesDialog::tr("No value in the latest product rows"));
    }
    QStringList values;
    for (const catalog::SampleValue &v : preview->values) {
        QString value = QString::fromStdString(v.value);
        if (value.size() > kPreviewChars) {
            value = value.left(kPreviewChars - 1) + QStringLiteral("…");
        }
        values << value.toHtmlEscaped();
    }
    return values.join(QLatin1String(", ")) + QLatin1Char(' ') +
           muted(CatalogEventPropertiesDialog::tr("(%1 of %2)")
                     .arg(format::count(preview->rowsWithValue),
                          format::plural(preview->sampledRows, CatalogEventPropertiesDialog::tr("%1 row"),
                                         CatalogEventPropertiesDialog::tr("%1 rows"))));
}

CatalogEventPropertiesDialog::CatalogEventPropertiesDialog(CatalogWizardState &state,
                                                           const catalog::CatalogColumn &column,
                                                           QWidget *parent)
    : QDialog(parent), m_workspacePath(state.workspacePath), m_column(column)
{
    setObjectName(QStringLiteral("catalogEventPropertiesDialog"));
    const QString name = QString::fromStdString(column.name);
    const QString fallback = QString::fromStdString(catalog::productKey(column.property));
    setWindowTitle(tr("%1: property per event").arg(name));
    auto *intro =
        new QLabel(tr("Where an event names this column's property differently, choose the property "
                      "to read on it. The other events read “%1”.")
                       .arg(fallback),
                   this);
    intro->setWordWrap(true);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(10);
    grid->setColumnStretch(2, 1);
    grid->addWidget(new QLabel(tr("<b>Event</b>")), 0, 0);
    grid->addWidget(new QLabel(tr("<b>Property</b>")), 0, 1);
    grid->addWidget(new QLabel(tr("<b>Values on this event</b>")), 0, 2);
    for (const QString &event : state.eventNames()) {
        const std::string e = event.toStdString();
        Row row{event, new QComboBox(this), new QLabel(this)};
        row.property->setObjectName(QStringLiteral("catalogEventPropertyCombo"));
        row.property->setProperty("event", event);
        row.property->setEditable(true);
        row.property->setInsertPolicy(QComboBox::NoInsert);
        row.property->setMinimumContentsLength(24);
        row.property->addItem(tr("Same as default (%1)").arg(fallback));
        if (auto props = state.properties(e); props) {
            for (const catalog::PropertyKey &k : (*props)->keys) {
                row.property->addItem(QString::fromStdString(k.key));
            }
        } else {
            showError(this, props.error());
        }
        for (const catalog::ColumnOverride &o : column.overrides) {
            if (o.event == e) {
                row.property->setCurrentText(QString::fromStdString(catalog::productKey(o.property)));
            }
        }
        row.preview->setObjectName(QStringLiteral("catalogEventPropertyPreview"));
        row.preview->setTextFormat(Qt::RichText);
        row.preview->setWordWrap(true);
        row.preview->setMinimumWidth(260);
        const int r = static_cast<int>(m_rows.size()) + 1;
        grid->addWidget(new QLabel(event.toHtmlEscaped(), this), r, 0);
        grid->addWidget(row.property, r, 1);
        grid->addWidget(row.preview, r, 2);
        m_rows.push_back(row);
        updatePreview(row);
        connect(row.property, &QComboBox::currentTextChanged, this, [this, combo = row.property] {
            for (const Row &candidate : m_rows) {
                if (candidate.property == combo) {
                    updatePreview(candidate);
                }
            }
        });
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("catalogEventPropertiesButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(grid);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

QString CatalogEventPropertiesDialog::chosen(const Row &row) const
{
    const QString text = row.property->currentText().trimmed();
    if (text.isEmpty() || text == row.property->itemText(0) ||
        catalog::productKey(text.toStdString()) == catalog::productKey(m_column.property)) {
        return {};
    }
    return text;
}

void CatalogEventPropertiesDialog::updatePreview(const Row &row)
{
    catalog::CatalogColumn column{m_column.name, m_column.property, m_column.split};
    if (const QString property = chosen(row); !property.isEmpty()) {
        column.property = property.toStdString();
    }
    row.preview->setText(
        columnPreviewHtml(m_workspacePath, {row.event.toStdString()}, column, kPreviewValues));
}

std::vector<catalog::ColumnOverride> CatalogEventPropertiesDialog::overrides() const
{
    std::vector<catalog::ColumnOverride> out;
    for (const Row &row : m_rows) {
        if (const QString property = chosen(row); !property.isEmpty()) {
            out.push_back({row.event.toStdString(), property.toStdString()});
        }
    }
    return out;
}

QComboBox *CatalogEventPropertiesDialog::comboFor(const QString &event) const
{
    for (const Row &row : m_rows) {
        if (row.event == event) {
            return row.property;
        }
    }
    return nullptr;
}

QString CatalogEventPropertiesDialog::previewFor(const QString &event) const
{
    for (const Row &row : m_rows) {
        if (row.event == event) {
            return row.preview->text();
        }
    }
    return {};
}

} // namespace awb::ui
