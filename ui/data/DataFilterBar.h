// SPDX-License-Identifier: GPL-3.0-or-later
// The filters above the data tables: event name, date range and a text search.
#pragma once

#include "services/DataBrowserService.h"

#include <QTimer>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;

namespace awb::ui {

class DataFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit DataFilterBar(QWidget *parent = nullptr);

    /// The filter as the user set it (dates are whole UTC days, "to" inclusive).
    services::BrowseFilter filter() const;
    /// Fills the event combo ("Order Completed (1,234)"), keeping the selected name when still present.
    void setEventNames(const std::vector<services::NameCount> &names);
    /// Moves the unchecked date edits to the workspace's first and last day.
    void setDateBounds(std::int64_t firstMs, std::int64_t lastMs);
    /// Unchecks the dates, selects all events and clears the text (emits filterChanged once).
    void reset();

signals:
    /// Emitted when a filter changed (text edits are debounced by 300 ms).
    void filterChanged();

private:
    QComboBox *m_event;
    QCheckBox *m_fromCheck;
    QDateEdit *m_from;
    QCheckBox *m_toCheck;
    QDateEdit *m_to;
    QLineEdit *m_text;
    QTimer m_textDebounce;
};

} // namespace awb::ui
