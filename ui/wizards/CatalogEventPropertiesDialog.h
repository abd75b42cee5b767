// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog wizard, columns step: the property one column reads on each chosen event where events name the
// same thing differently (brand on views, product_brand on orders), with a preview of the values per event.
#pragma once

#include "catalog/CatalogDefinition.h"

#include <QDialog>

#include <string>
#include <vector>

class QComboBox;
class QLabel;

namespace awb::ui {

struct CatalogWizardState;

/// The values column would take on events (a sample of the latest product rows, see
/// CatalogService::previewValues) as rich text: the most frequent ones, long ones cut, and how many
/// sampled rows hold one. Shared by the columns page and this dialog.
QString columnPreviewHtml(const QString &workspacePath, const std::vector<std::string> &events,
                          const catalog::CatalogColumn &column, std::size_t maxValues);

class CatalogEventPropertiesDialog : public QDialog
{
    Q_OBJECT
public:
    /// One row per chosen event of state: "same as the default" or one of the properties sampled on that
    /// event (or any typed one), prefilled from column's overrides.
    CatalogEventPropertiesDialog(CatalogWizardState &state, const catalog::CatalogColumn &column,
                                 QWidget *parent = nullptr);

    /// The events whose chosen property differs from the column's default, in the events' order.
    std::vector<catalog::ColumnOverride> overrides() const;
    /// The property combo of an event's row, or nullptr.
    QComboBox *comboFor(const QString &event) const;
    /// The preview text of an event's row, or empty.
    QString previewFor(const QString &event) const;

private:
    struct Row
    {
        QString event;
        QComboBox *property;
        QLabel *preview;
    };
    /// The property a row's combo chooses, or empty for the column's default.
    QString chosen(const Row &row) const;
    void updatePreview(const Row &row);

    QString m_workspacePath;
    catalog::CatalogColumn m_column;
    std::vector<Row> m_rows;
};

} // namespace awb::ui
