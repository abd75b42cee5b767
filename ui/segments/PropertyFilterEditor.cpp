// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/PropertyFilterEditor.h"

#include "segments/ConditionEditor.h"
#include "segments/RuleVocabulary.h"
#include "segments/TraitValues.h"

#include <QComboBox>
#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace awb::ui {

using segments::Op;
using segments::Value;
using traits::TraitKind;

namespace {

QString numberText(double v)
{
    return QString::number(v, 'g', 12);
}

// An editable combo box offering texts, showing current.
QComboBox *valueCombo(QWidget *parent, const char *name, const QStringList &suggestions,
                      const QString &current)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QString::fromLatin1(name));
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->setMinimumContentsLength(8);
    combo->addItems(suggestions);
    combo->setCurrentText(current);
    return combo;
}

} // namespace

PropertyFilterEditor::PropertyFilterEditor(std::vector<segments::PropertyFilter> filters, QWidget *parent)
    : QWidget(parent), m_filters(std::move(filters)), m_add(new QToolButton(this))
{
    setObjectName(QStringLiteral("propertyFilterEditor"));
    m_add->setObjectName(QStringLiteral("addFilterButton"));
    m_add->setAutoRaise(true);
    m_add->setToolTip(tr("Count only the events whose property passes a test (e.g. revenue at least 50)"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_add, 0, Qt::AlignLeft);
    connect(m_add, &QToolButton::clicked, this, &PropertyFilterEditor::addFilter);
    rebuild();
}

void PropertyFilterEditor::setProperties(std::vector<segments::EventProperty> properties)
{
    m_properties = std::move(properties);
    rebuild();
}

const segments::EventProperty *PropertyFilterEditor::known(const std::string &key) const
{
    const auto it = std::find_if(m_properties.begin(), m_properties.end(),
                                 [&](const segments::EventProperty &p) { return p.key == key; });
    return it == m_properties.end() ? nullptr : &*it;
}

TraitChoice PropertyFilterEditor::choiceOf(const segments::PropertyFilter &f) const
{
    TraitChoice c;
    const segments::EventProperty *p = known(f.property);
    // An unknown (typed) property is a number when its value or operator says so.
    const bool numeric = p ? p->numeric
                           : (TraitValues::numberAt(f.values, 0).has_value() ||
                              TraitValues::shapeOf(f.op, TraitKind::Number) == TraitValues::Shape::Number ||
                              f.op == Op::Between);
    c.info.kind = numeric ? TraitKind::Number : TraitKind::Text;
    if (p) {
        for (const std::string &v : p->examples) {
            c.values << QString::fromStdString(v);
        }
        if (numeric && !p->examples.empty()) {
            c.typical = QString::fromStdString(p->examples.front()).toDouble();
            c.integral = true;
        }
    }
    return c;
}

QWidget *PropertyFilterEditor::row(std::size_t index) const
{
    const auto rows = m_rows ? m_rows->findChildren<QWidget *>(QStringLiteral("propertyFilterRow"),
                                                               Qt::FindDirectChildrenOnly)
                             : QList<QWidget *>{};
    return index < static_cast<std::size_t>(rows.size()) ? rows[static_cast<qsizetype>(index)] : nullptr;
}

void PropertyFilterEditor::rebuild()
{
    // The edit may come from a widget inside the old rows: delete them once its signal has returned.
    if (m_rows) {
        // Hiding moves the focus, which makes an old line edit report "editing finished" with an index
        // that may now name another filter: the old rows say nothing any more.
        for (QObject *child : m_rows->findChildren<QObject *>()) {
            child->disconnect(this);
        }
        m_rows->hide();
        m_rows->deleteLater();
    }
    m_rows = new QWidget(this);
    auto *rows = new QVBoxLayout(m_rows);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    for (std::size_t i = 0; i < m_filters.size(); ++i) {
        rows->addWidget(createRow(i));
    }
    static_cast<QVBoxLayout *>(layout())->insertWidget(0, m_rows);
    m_rows->setVisible(!m_filters.empty());
    m_add->setText(m_filters.empty() ? tr("+ where a property…") : tr("+ and a property…"));
    updateGeometry();
}

QWidget *PropertyFilterEditor::createRow(std::size_t index)
{
    const segments::PropertyFilter &f = m_filters[index];
    const TraitChoice choice = choiceOf(f);
    auto *row = new QWidget(m_rows);
    row->setObjectName(QStringLiteral("propertyFilterRow"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(new QLabel(index == 0 ? tr("where") : tr("and"), row));

    auto *property = new QComboBox(row);
    property->setObjectName(QStringLiteral("filterPropertyCombo"));
    property->setEditable(true);
    property->setInsertPolicy(QComboBox::NoInsert);
    property->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    property->setMinimumContentsLength(10);
    property->lineEdit()->setPlaceholderText(tr("property"));
    for (const segments::EventProperty &p : m_properties) {
        property->addItem(QString::fromStdString(p.key));
        QStringList examples;
        for (std::size_t i = 0; i < std::min<std::size_t>(p.examples.size(), 5); ++i) {
            examples << QString::fromStdString(p.examples[i]);
        }
        property->setItemData(
            property->count() - 1,
            tr("%1 of the latest events have it (%2), e.g. %3")
                .arg(p.events)
                .arg(p.numeric ? tr("numbers") : tr("texts"), examples.join(QStringLiteral(", "))),
            Qt::ToolTipRole);
    }
    property->setCurrentText(QString::fromStdString(f.property));
    property->setToolTip(tr("A property of the event (products[].key: one of its products)"));
    layout->addWidget(property);
    const auto propertyChosen = [this, index, property] {
        setFilterProperty(index, property->currentText().trimmed().toStdString());
    };
    connect(property, &QComboBox::activated, this, propertyChosen);
    connect(property->lineEdit(), &QLineEdit::editingFinished, this, propertyChosen);

    auto *op = new QComboBox(row);
    op->setObjectName(QStringLiteral("filterOpCombo"));
    op->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const Op o : TraitValues::operators(choice.info.kind)) {
        op->addItem(TraitValues::operatorLabel(o, choice.info.kind), static_cast<int>(o));
    }
    selectData(op, static_cast<int>(f.op), QString::fromLatin1(segments::opName(f.op)));
    layout->addWidget(op);
    connect(op, &QComboBox::activated, this,
            [this, index, op] { setOp(index, static_cast<Op>(op->currentData().toInt())); });

    addValueWidgets(row, index, choice);
    auto *remove = new QToolButton(row);
    remove->setObjectName(QStringLiteral("removeFilterButton"));
    remove->setText(QStringLiteral("×"));
    remove->setAutoRaise(true);
    remove->setToolTip(tr("Remove this property filter"));
    layout->addWidget(remove);
    layout->addStretch(1);
    connect(remove, &QToolButton::clicked, this, [this, index] { removeFilter(index); });
    return row;
}

void PropertyFilterEditor::addValueWidgets(QWidget *row, std::size_t index, const TraitChoice &choice)
{
    auto *layout = static_cast<QHBoxLayout *>(row->layout());
    const segments::PropertyFilter &f = m_filters[index];
    const bool numeric = choice.info.kind == TraitKind::Number;
    const TraitValues::Shape shape = TraitValues::shapeOf(f.op, choice.info.kind);
    if (shape == TraitValues::Shape::List) {
        QStringList texts;
        for (std::size_t i = 0; i < f.values.size(); ++i) {
            texts << QString::fromStdString(TraitValues::textAt(f.values, i).value_or(std::string()));
        }
        auto *list = new QLineEdit(texts.join(QStringLiteral(", ")), row);
        list->setObjectName(QStringLiteral("filterListEdit"));
        list->setPlaceholderText(tr("values, separated by commas"));
        list->setToolTip(tr("Known values: %1").arg(choice.values.join(QStringLiteral(", "))));
        layout->addWidget(list);
        connect(list, &QLineEdit::textEdited, this, [this, index](const QString &text) {
            std::vector<Value> values;
            for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                if (!part.trimmed().isEmpty()) {
                    values.emplace_back(part.trimmed().toStdString());
                }
            }
            setValues(index, std::move(values));
        });
        return;
    }
    const int count = shape == TraitValues::Shape::Numbers2 ? 2 : shape == TraitValues::Shape::None ? 0 : 1;
    for (int i = 0; i < count; ++i) {
        if (i == 1) {
            layout->addWidget(new QLabel(tr("and"), row));
        }
        const auto at = static_cast<std::size_t>(i);
        const QString current = numeric
                                    ? numberText(TraitValues::numberAt(f.values, at).value_or(0))
                                    : QString::fromStdString(TraitValues::textAt(f.values, at).value_or(""));
        QComboBox *value =
            valueCombo(row, i == 0 ? "filterValueCombo" : "filterValue2Combo", choice.values, current);
        if (numeric) {
            value->setValidator(new QDoubleValidator(value));
        }
        layout->addWidget(value);
        const auto changed = [this, index, at, numeric](const QString &text) {
            std::vector<Value> values = m_filters[index].values;
            values.resize(std::max(values.size(), at + 1), Value(std::string()));
            if (numeric) {
                bool ok = false;
                const double v = text.trimmed().toDouble(&ok);
                if (!ok) {
                    return; // "-" or "" while typing: keep the last number
                }
                values[at] = v;
            } else {
                values[at] = text.toStdString();
            }
            setValues(index, std::move(values));
        };
        connect(value, &QComboBox::currentTextChanged, this, changed);
    }
}

void PropertyFilterEditor::addFilter()
{
    segments::PropertyFilter f;
    for (const segments::EventProperty &p : m_properties) {
        const bool used = std::any_of(m_filters.begin(), m_filters.end(),
                                      [&](const segments::PropertyFilter &g) { return g.property == p.key; });
        if (!used) {
            f.property = p.key;
            break;
        }
    }
    if (f.property.empty() && !m_properties.empty()) {
        f.property = m_properties.front().key;
    }
    const TraitChoice choice = choiceOf(f);
    f.op = choice.info.kind == TraitKind::Number ? Op::Ge : Op::Is;
    f.values = TraitValues::adapt(f.op, choice, 0, {});
    m_filters.push_back(std::move(f));
    rebuild();
    emit edited(QStringLiteral("where.add"));
}

void PropertyFilterEditor::removeFilter(std::size_t index)
{
    if (index >= m_filters.size()) {
        return;
    }
    m_filters.erase(m_filters.begin() + static_cast<std::ptrdiff_t>(index));
    rebuild();
    emit edited(QStringLiteral("where.remove"));
}

void PropertyFilterEditor::setFilterProperty(std::size_t index, const std::string &key)
{
    segments::PropertyFilter &f = m_filters[index];
    if (key == f.property) {
        return;
    }
    const TraitKind before = choiceOf(f).info.kind;
    f.property = key;
    const TraitChoice choice = choiceOf(f);
    // Another type of property: its usual operator and a known value; the same type keeps the test.
    if (choice.info.kind != before) {
        f.op = choice.info.kind == TraitKind::Number ? Op::Ge : Op::Is;
        f.values = TraitValues::adapt(f.op, choice, 0, {});
    }
    rebuild();
    emit edited(QStringLiteral("where.%1.property").arg(index));
}

void PropertyFilterEditor::setOp(std::size_t index, Op op)
{
    segments::PropertyFilter &f = m_filters[index];
    if (op == f.op) {
        return;
    }
    const TraitChoice choice = choiceOf(f);
    f.op = op;
    f.values = TraitValues::adapt(op, choice, 0, f.values);
    rebuild();
    emit edited(QStringLiteral("where.%1.op").arg(index));
}

void PropertyFilterEditor::setValues(std::size_t index, std::vector<Value> values)
{
    m_filters[index].values = std::move(values);
    emit edited(QStringLiteral("where.%1.value").arg(index));
}

} // namespace awb::ui
