// SPDX-License-Identifier: GPL-3.0-or-later
// A condition on events: performed EVENT [where property op value …] at least / at most / exactly N times
// or never, at any time, in the last N days or between two dates. The property filters are edited on their
// own lines under the condition (PropertyFilterEditor), with the event's known properties.
#pragma once

#include "segments/ConditionEditor.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QSpinBox;

namespace awb::ui {

class PropertyFilterEditor;

class EventConditionEditor : public ConditionEditor
{
    Q_OBJECT
public:
    EventConditionEditor(segments::Node node, const RuleVocabulary &vocabulary, QWidget *parent = nullptr);

    /// A new condition: the workspace's most frequent event, at least once in the last 30 days.
    static segments::EventCondition defaultCondition(const RuleVocabulary &vocabulary);

    PropertyFilterEditor *filterEditor() const { return m_filters; }

private:
    enum class Window
    {
        Always,
        LastDays,
        Between,
    };
    void connectWidgets();
    Window window() const;
    void updateVisibility();
    void onWindowChosen();
    void onFiltersEdited(const QString &field);

    QComboBox *m_event;
    QComboBox *m_count;
    QSpinBox *m_times;
    QLabel *m_timesLabel;
    QComboBox *m_window;
    QSpinBox *m_days;
    QLabel *m_daysLabel;
    QDateEdit *m_from;
    QLabel *m_and;
    QDateEdit *m_to;
    PropertyFilterEditor *m_filters;
};

} // namespace awb::ui
