// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/TraitConditionEditor.h"

#include "charts/ChartPalette.h"
#include "segments/FlowLayout.h"
#include "segments/RuleVocabulary.h"
#include "segments/TraitValues.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QToolButton>

#include <cmath>

namespace awb::ui {

using segments::Op;
using segments::Value;
using traits::TraitKind;

namespace {
constexpr double kNumberLimit = 1e9;
} // namespace

TraitConditionEditor::TraitConditionEditor(segments::Node node, const RuleVocabulary &vocabulary,
                                           QWidget *parent)
    : ConditionEditor(std::move(node), vocabulary, parent),
      m_trait(addCombo(QStringLiteral("traitCombo"), tr("The computed trait to test"))),
      m_column(addCombo(QStringLiteral("catalogColumnCombo"), tr("The catalog column"))),
      m_columnValue(
          addCombo(QStringLiteral("catalogValueCombo"), tr("The catalog value (most buyers first)"))),
      m_op(addCombo(QStringLiteral("opCombo"), tr("How to compare"))), m_values(new QWidget(this)),
      m_valuesLayout(new QHBoxLayout(m_values))
{
    setObjectName(QStringLiteral("traitConditionEditor"));
    m_valuesLayout->setContentsMargins(0, 0, 0, 0);
    m_valuesLayout->setSpacing(4);
    flow()->addWidget(m_values);
    m_columnValue->setEditable(true);
    m_columnValue->setInsertPolicy(QComboBox::NoInsert);
    m_columnValue->completer()->setFilterMode(Qt::MatchContains);
    m_columnValue->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_columnValue->setMinimumContentsLength(12);
    m_columnValue->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    fillTraits();
    fillCatalogPickers();
    fillOperators();
    rebuildValues();

    connect(m_trait, &QComboBox::activated, this, &TraitConditionEditor::onTraitChosen);
    connect(m_op, &QComboBox::activated, this, &TraitConditionEditor::onOperatorChosen);
    connect(m_column, &QComboBox::activated, this, [this] {
        m_node.trait.column = m_column->currentData().toString().toStdString();
        const ColumnChoice *c = m_vocabulary.column(m_column->currentData().toString());
        m_node.trait.columnValue =
            c && !c->values.isEmpty() ? c->values.front().toStdString() : std::string();
        fillCatalogPickers();
        commit(QStringLiteral("column"));
    });
    const auto valueChosen = [this] {
        const std::string value = m_columnValue->currentText().trimmed().toStdString();
        if (value != m_node.trait.columnValue) {
            m_node.trait.columnValue = value;
            commit(QStringLiteral("columnValue"));
        }
    };
    connect(m_columnValue, &QComboBox::activated, this, valueChosen);
    connect(m_columnValue->lineEdit(), &QLineEdit::editingFinished, this, valueChosen);
}

segments::TraitCondition TraitConditionEditor::defaultCondition(const TraitChoice &trait,
                                                                const RuleVocabulary &vocabulary)
{
    segments::TraitCondition c;
    c.trait = trait.info.id;
    if (trait.perValue && !vocabulary.columns.empty()) {
        const ColumnChoice &column = vocabulary.columns.front();
        c.column = column.column.toStdString();
        c.columnValue = column.values.isEmpty() ? std::string() : column.values.front().toStdString();
    }
    c.op = TraitValues::operators(trait.info.kind).front();
    c.values = TraitValues::adapt(c.op, trait, vocabulary.nowMs, {});
    return c;
}

const TraitChoice *TraitConditionEditor::choice() const
{
    return m_vocabulary.trait(m_node.trait.trait);
}

void TraitConditionEditor::fillTraits()
{
    const QSignalBlocker block(m_trait);
    auto *model = qobject_cast<QStandardItemModel *>(m_trait->model());
    std::string group;
    for (const TraitChoice &c : m_vocabulary.traits) {
        if (c.info.group != group) {
            group = c.info.group;
            auto *header = new QStandardItem(QString::fromStdString(group));
            header->setFlags(Qt::NoItemFlags);
            QFont font = m_trait->font();
            font.setBold(true);
            header->setFont(font);
            header->setForeground(palette::mutedText());
            model->appendRow(header);
        }
        m_trait->addItem(QString::fromStdString(c.info.label), QString::fromStdString(c.info.id));
        m_trait->setItemData(m_trait->count() - 1, QString::fromStdString(c.info.description),
                             Qt::ToolTipRole);
    }
    const QString id = QString::fromStdString(m_node.trait.trait);
    selectData(m_trait, id, tr("Unknown trait %1").arg(id));
    if (const TraitChoice *c = choice()) {
        m_trait->setToolTip(QString::fromStdString(c->info.description));
    }
}

void TraitConditionEditor::fillCatalogPickers()
{
    const TraitChoice *c = choice();
    const bool perValue = c && c->perValue;
    m_column->setVisible(perValue);
    m_columnValue->setVisible(perValue);
    if (!perValue) {
        return;
    }
    {
        const QSignalBlocker block(m_column);
        m_column->clear();
        for (const ColumnChoice &column : m_vocabulary.columns) {
            m_column->addItem(column.column, column.column);
        }
        selectData(m_column, QString::fromStdString(m_node.trait.column));
    }
    const QSignalBlocker block(m_columnValue);
    m_columnValue->clear();
    if (const ColumnChoice *column = m_vocabulary.column(QString::fromStdString(m_node.trait.column))) {
        m_columnValue->addItems(column->values);
    }
    m_columnValue->setCurrentText(QString::fromStdString(m_node.trait.columnValue));
}

void TraitConditionEditor::fillOperators()
{
    const QSignalBlocker block(m_op);
    m_op->clear();
    const TraitChoice *c = choice();
    if (!c) {
        m_op->addItem(QString::fromLatin1(segments::opName(m_node.trait.op)),
                      static_cast<int>(m_node.trait.op));
        return;
    }
    for (const Op op : TraitValues::operators(c->info.kind)) {
        m_op->addItem(TraitValues::operatorLabel(op, c->info.kind), static_cast<int>(op));
    }
    selectData(m_op, static_cast<int>(m_node.trait.op),
               QString::fromLatin1(segments::opName(m_node.trait.op)));
}

void TraitConditionEditor::onTraitChosen()
{
    const TraitChoice *c = m_vocabulary.trait(m_trait->currentData().toString().toStdString());
    if (!c || c->info.id == m_node.trait.trait) {
        return;
    }
    m_node.trait = defaultCondition(*c, m_vocabulary);
    m_trait->setToolTip(QString::fromStdString(c->info.description));
    fillCatalogPickers();
    fillOperators();
    rebuildValues();
    commit(QStringLiteral("trait"));
}

void TraitConditionEditor::onOperatorChosen()
{
    const auto op = static_cast<Op>(m_op->currentData().toInt());
    const TraitChoice *c = choice();
    if (!c || op == m_node.trait.op) {
        return;
    }
    m_node.trait.op = op;
    m_node.trait.values = TraitValues::adapt(op, *c, m_vocabulary.nowMs, m_node.trait.values);
    rebuildValues();
    commit(QStringLiteral("op"));
}

void TraitConditionEditor::rebuildValues()
{
    while (QLayoutItem *item = m_valuesLayout->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    const TraitChoice *c = choice();
    if (!c) {
        return;
    }
    switch (TraitValues::shapeOf(m_node.trait.op, c->info.kind)) {
    case TraitValues::Shape::None:
        break;
    case TraitValues::Shape::Number:
        addNumber(0);
        break;
    case TraitValues::Shape::Numbers2:
        addNumber(0);
        addWord(tr("and"));
        addNumber(1);
        break;
    case TraitValues::Shape::Days:
        addDays(0, m_node.trait.op == Op::MoreThanDaysAgo ? tr("days ago") : tr("days"));
        break;
    case TraitValues::Shape::Text:
        addText(0, !c->values.isEmpty() && c->allValuesKnown &&
                       (m_node.trait.op == Op::Is || m_node.trait.op == Op::IsNot));
        break;
    case TraitValues::Shape::List:
        addList();
        break;
    case TraitValues::Shape::Date:
        addDate(0);
        break;
    case TraitValues::Shape::Dates2:
        addDate(0);
        addWord(tr("and"));
        addDate(1);
        break;
    }
    m_values->setVisible(m_valuesLayout->count() > 0);
}

void TraitConditionEditor::addWord(const QString &text)
{
    m_valuesLayout->addWidget(new QLabel(text, m_values));
}

void TraitConditionEditor::addNumber(std::size_t index)
{
    const TraitChoice *c = choice();
    auto *spin = new QDoubleSpinBox(m_values);
    spin->setObjectName(index == 0 ? QStringLiteral("valueEdit") : QStringLiteral("valueEdit2"));
    spin->setDecimals(c->integral ? 0 : (c->largest <= 1 ? 3 : 2));
    spin->setRange(-kNumberLimit, kNumberLimit);
    spin->setGroupSeparatorShown(true);
    spin->setMinimumWidth(90);
    spin->setValue(TraitValues::numberAt(m_node.trait.values, index).value_or(0));
    spin->setToolTip(tr("Typical value: %L1").arg(c->typical));
    m_valuesLayout->addWidget(spin);
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, index](double v) {
        if (index < m_node.trait.values.size()) {
            m_node.trait.values[index] = v;
            commit(QStringLiteral("value%1").arg(index));
        }
    });
}

void TraitConditionEditor::addDays(std::size_t index, const QString &after)
{
    auto *spin = new QSpinBox(m_values);
    spin->setObjectName(QStringLiteral("daysEdit"));
    spin->setRange(0, 100 * 365);
    spin->setValue(static_cast<int>(
        TraitValues::numberAt(m_node.trait.values, index).value_or(TraitValues::kDefaultDays)));
    spin->setToolTip(tr("Days counted back from the traits' \"now\""));
    m_valuesLayout->addWidget(spin);
    addWord(after);
    connect(spin, &QSpinBox::valueChanged, this, [this, index](int v) {
        if (index < m_node.trait.values.size()) {
            m_node.trait.values[index] = static_cast<double>(v);
            commit(QStringLiteral("days"));
        }
    });
}

void TraitConditionEditor::addText(std::size_t index, bool knownOnly)
{
    const TraitChoice *c = choice();
    const QString current =
        QString::fromStdString(TraitValues::textAt(m_node.trait.values, index).value_or(std::string()));
    const auto set = [this, index](const QString &text) {
        if (index < m_node.trait.values.size() &&
            text.toStdString() != TraitValues::textAt(m_node.trait.values, index)) {
            m_node.trait.values[index] = text.toStdString();
            commit(QStringLiteral("text"));
        }
    };
    if (knownOnly) {
        auto *combo = new QComboBox(m_values);
        combo->setObjectName(QStringLiteral("textValueCombo"));
        for (const QString &v : c->values) {
            combo->addItem(v, v);
        }
        selectData(combo, current);
        m_valuesLayout->addWidget(combo);
        connect(combo, &QComboBox::activated, this, [combo, set] { set(combo->currentData().toString()); });
        return;
    }
    auto *edit = new QLineEdit(current, m_values);
    edit->setObjectName(QStringLiteral("textValueEdit"));
    edit->setMinimumWidth(120);
    if (!c->values.isEmpty()) {
        auto *completer = new QCompleter(c->values, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
    }
    m_valuesLayout->addWidget(edit);
    connect(edit, &QLineEdit::textEdited, this, set);
}

void TraitConditionEditor::addList()
{
    const TraitChoice *c = choice();
    auto *button = new QToolButton(m_values);
    button->setObjectName(QStringLiteral("listValueButton"));
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolTip(tr("Choose the values"));
    auto *menu = new QMenu(button);
    QStringList known = c->values;
    for (const Value &v : m_node.trait.values) {
        if (const auto *t = std::get_if<std::string>(&v); t && !known.contains(QString::fromStdString(*t))) {
            known << QString::fromStdString(*t);
        }
    }
    const auto label = [this] {
        QStringList chosen;
        for (const Value &v : m_node.trait.values) {
            if (const auto *t = std::get_if<std::string>(&v)) {
                chosen << QString::fromStdString(*t);
            }
        }
        const QString text = chosen.isEmpty() ? tr("(choose)") : chosen.join(QStringLiteral(", "));
        return fontMetrics().elidedText(text, Qt::ElideRight, 260);
    };
    for (const QString &v : known) {
        QAction *action = menu->addAction(v);
        action->setCheckable(true);
        action->setChecked(std::find(m_node.trait.values.begin(), m_node.trait.values.end(),
                                     Value(v.toStdString())) != m_node.trait.values.end());
        connect(action, &QAction::toggled, this, [this, menu, button, label] {
            m_node.trait.values.clear();
            for (const QAction *a : menu->actions()) {
                if (a->isChecked()) {
                    m_node.trait.values.emplace_back(a->text().toStdString());
                }
            }
            button->setText(label());
            commit(QStringLiteral("list"));
        });
    }
    button->setMenu(menu);
    button->setText(label());
    m_valuesLayout->addWidget(button);
}

void TraitConditionEditor::addDate(std::size_t index)
{
    auto *edit = new QDateEdit(m_values);
    edit->setObjectName(index == 0 ? QStringLiteral("dateEdit") : QStringLiteral("dateEdit2"));
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    const std::string text = TraitValues::dateAt(m_node.trait.values, index).value_or(std::string());
    edit->setDate(QDate::fromString(QString::fromStdString(text).left(10), Qt::ISODate));
    m_valuesLayout->addWidget(edit);
    connect(edit, &QDateEdit::dateChanged, this, [this, index](const QDate &d) {
        if (index < m_node.trait.values.size()) {
            m_node.trait.values[index] = d.toString(Qt::ISODate).toStdString();
            commit(QStringLiteral("date%1").arg(index));
        }
    });
}

} // namespace awb::ui
