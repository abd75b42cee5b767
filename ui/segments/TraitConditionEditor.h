// SPDX-License-Identifier: GPL-3.0-or-later
// A condition on a computed trait: the trait (picked by group), for per-value traits the catalog column and
// value, the operators of the trait's kind, and value editors that fit them (numbers, known texts, dates
// and "in the last N days" / "more than N days ago").
#pragma once

#include "segments/ConditionEditor.h"

class QComboBox;
class QHBoxLayout;

namespace awb::ui {

struct TraitChoice;

class TraitConditionEditor : public ConditionEditor
{
    Q_OBJECT
public:
    TraitConditionEditor(segments::Node node, const RuleVocabulary &vocabulary, QWidget *parent = nullptr);

    /// A new condition on trait with a sensible operator and value (the typical value of the trait, the
    /// most bought catalog value, the last 30 days).
    static segments::TraitCondition defaultCondition(const TraitChoice &trait,
                                                     const RuleVocabulary &vocabulary);

private:
    void fillTraits();
    void fillCatalogPickers();
    void fillOperators();
    void rebuildValues();
    void onTraitChosen();
    void onOperatorChosen();
    const TraitChoice *choice() const;
    void addNumber(std::size_t index);
    void addText(std::size_t index, bool knownOnly);
    void addList();
    void addDate(std::size_t index);
    void addDays(std::size_t index, const QString &after);
    void addWord(const QString &text);

    QComboBox *m_trait;
    QComboBox *m_column;
    QComboBox *m_columnValue;
    QComboBox *m_op;
    QWidget *m_values;
    QHBoxLayout *m_valuesLayout;
};

} // namespace awb::ui
