// SPDX-License-Identifier: GPL-3.0-or-later
// A condition on events: performed EVENT at least / at most / exactly N times or never, at any time, in the
// last N days or between two dates. Property filters of the rule are kept (and shown) but not edited here.
#pragma once

#include "segments/ConditionEditor.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QSpinBox;

namespace awb::ui {

class EventConditionEditor : public ConditionEditor
{
    Q_OBJECT
public:
    EventConditionEditor(segments::Node node, const RuleVocabulary &vocabulary, QWidget *parent = nullptr);

    /// A new condition: the workspace's most frequent event, at least once in the last 30 days.
    static segments::EventCondition defaultCondition(const RuleVocabulary &vocabulary);

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
    QLabel *m_filters;
};

} // namespace awb::ui
