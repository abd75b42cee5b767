// SPDX-License-Identifier: GPL-3.0-or-later
// The "where" filters of an event condition, one line each: the property (the event's known properties,
// most common first, or typed), the operator for its type (numbers or texts), the value (with the values
// seen on recent events) and a remove button; "+ where a property…" adds one.
#pragma once

#include "segments/EventProperties.h"
#include "segments/Rule.h"

#include <QWidget>

#include <vector>

class QVBoxLayout;
class QToolButton;

namespace awb::ui {

struct TraitChoice;

class PropertyFilterEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PropertyFilterEditor(std::vector<segments::PropertyFilter> filters, QWidget *parent = nullptr);

    /// The event's known properties: the property picker's choices and the suggested values.
    void setProperties(std::vector<segments::EventProperty> properties);
    const std::vector<segments::PropertyFilter> &filters() const { return m_filters; }

    /// Adds a filter on the most common known property not filtered yet (an empty one to type when none
    /// is known), with a sensible operator and value.
    void addFilter();
    void removeFilter(std::size_t index);
    /// The line of filter index (objectName "propertyFilterRow"), or nullptr (for tests).
    QWidget *row(std::size_t index) const;

signals:
    /// The filters changed; field names the change ("where.0.value") so typing merges into one undo step.
    void edited(const QString &field);

private:
    /// The filter's property as a trait-like choice: number or text, with its known values.
    TraitChoice choiceOf(const segments::PropertyFilter &filter) const;
    const segments::EventProperty *known(const std::string &key) const;
    void rebuild();
    QWidget *createRow(std::size_t index);
    void addValueWidgets(QWidget *row, std::size_t index, const TraitChoice &choice);
    void setFilterProperty(std::size_t index, const std::string &key);
    void setOp(std::size_t index, segments::Op op);
    void setValues(std::size_t index, std::vector<segments::Value> values);

    std::vector<segments::PropertyFilter> m_filters;
    std::vector<segments::EventProperty> m_properties;
    QWidget *m_rows = nullptr;
    QToolButton *m_add;
};

} // namespace awb::ui
