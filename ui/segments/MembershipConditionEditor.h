// SPDX-License-Identifier: GPL-3.0-or-later
// A membership condition: is / is not in a saved segment, an audience snapshot or an exported audience.
#pragma once

#include "segments/ConditionEditor.h"

class QComboBox;

namespace awb::ui {

class MembershipConditionEditor : public ConditionEditor
{
    Q_OBJECT
public:
    MembershipConditionEditor(segments::Node node, const RuleVocabulary &vocabulary,
                              QWidget *parent = nullptr);

    /// A new condition: in the first saved segment, else the first audience; nullopt when there is neither.
    static std::optional<segments::MembershipCondition> defaultCondition(const RuleVocabulary &vocabulary);

private:
    void fillNames();

    QComboBox *m_in;
    QComboBox *m_kind;
    QComboBox *m_name;
};

} // namespace awb::ui
