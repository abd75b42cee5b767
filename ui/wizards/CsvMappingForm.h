// SPDX-License-Identifier: GPL-3.0-or-later
// The column pickers of the CSV mapping step: which column holds the user id, the time, the event name...
#pragma once

#include "ingest/CsvMapping.h"

#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

class QComboBox;
class QLineEdit;
class QListWidget;
class QTabWidget;

namespace awb::ui {

/// Edits the basic fields of a CsvMapping against the columns of a file (with its lookups): the column
/// pickers and the columns ticked as event properties, product properties and profile attributes. Fields it
/// has no widget for (order grouping, catalogue files, ...) are left untouched by applyTo().
class CsvMappingForm : public QWidget
{
    Q_OBJECT
public:
    explicit CsvMappingForm(QWidget *parent = nullptr);

    /// The columns offered by every picker (the file's header). Keeps the current choices.
    void setColumns(const QStringList &columns);
    /// Shows mapping; a column missing from the file is listed as "X (not in file)".
    void setMapping(const ingest::CsvMapping &mapping);
    /// Writes the widgets' values into mapping.
    void applyTo(ingest::CsvMapping &mapping) const;
    /// Every column the mapping reads through this form (empty ones skipped).
    static std::vector<std::string> mappedColumns(const ingest::CsvMapping &mapping);
    /// Fills the empty fields of mapping from header names that suggest them ("user_id", "InvoiceDate"...).
    static void guessColumns(const QStringList &columns, ingest::CsvMapping &mapping);

signals:
    /// The user changed a field (not emitted by setColumns / setMapping).
    void edited();

private:
    struct ColumnField
    {
        std::string ingest::CsvMapping::*member;
        QComboBox *combo;
    };

    /// A list of the columns to tick, for a list of column names of the mapping, on a tab of its own.
    struct ColumnList
    {
        std::vector<std::string> ingest::CsvMapping::*member;
        QListWidget *list;
    };

    QComboBox *addColumnField(std::string ingest::CsvMapping::*member, const QString &objectName);
    void addColumnList(std::vector<std::string> ingest::CsvMapping::*member, const QString &objectName,
                       const QString &title, const QString &toolTip);
    void buildTimeFields();
    void emitEdited();

    std::vector<ColumnField> m_fields;
    QComboBox *m_eventColumn = nullptr;
    QLineEdit *m_fixedEvent;
    QComboBox *m_timestampFormat;
    QComboBox *m_timezone;
    QComboBox *m_currency;
    QComboBox *m_skipColumn;
    QLineEdit *m_skipValues;
    /// The column of the row filter the widgets edit, as last shown or applied (applyTo replaces it).
    mutable std::string m_skipShown;
    QTabWidget *m_columnLists;
    std::vector<ColumnList> m_lists; ///< event properties, product properties, profile attributes
    bool m_updating = false;
};

} // namespace awb::ui
