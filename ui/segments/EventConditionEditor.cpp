// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/EventConditionEditor.h"

#include "segments/FlowLayout.h"
#include "segments/PropertyFilterEditor.h"
#include "segments/RuleVocabulary.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

namespace awb::ui {

using segments::CountOp;

namespace {
constexpr int kDefaultDays = 30;

QDate dateOf(const std::string &text, std::int64_t fallbackMs)
{
    const QDate d = QDate::fromString(QString::fromStdString(text).left(10), Qt::ISODate);
    return d.isValid() ? d : QDateTime::fromMSecsSinceEpoch(fallbackMs, Qt::UTC).date();
}
} // namespace

segments::EventCondition EventConditionEditor::defaultCondition(const RuleVocabulary &vocabulary)
{
    segments::EventCondition c;
    c.event = vocabulary.events.isEmpty() ? std::string() : vocabulary.events.front().toStdString();
    c.countOp = CountOp::AtLeast;
    c.times = 1;
    c.withinLastDays = kDefaultDays;
    return c;
}

EventConditionEditor::EventConditionEditor(segments::Node node, const RuleVocabulary &vocabulary,
                                           QWidget *parent)
    : ConditionEditor(std::move(node), vocabulary, parent), m_event(nullptr), m_count(nullptr),
      m_times(new QSpinBox(this)), m_timesLabel(new QLabel(this)), m_window(nullptr),
      m_days(new QSpinBox(this)), m_daysLabel(new QLabel(tr("days"), this)), m_from(new QDateEdit(this)),
      m_and(new QLabel(tr("and"), this)), m_to(new QDateEdit(this)),
      m_filters(new PropertyFilterEditor(m_node.event.where, this))
{
    setObjectName(QStringLiteral("eventConditionEditor"));
    const segments::EventCondition &e = m_node.event;
    addLabel(tr("Performed"));
    m_event = addCombo(QStringLiteral("eventCombo"), tr("The event (most frequent first)"));
    m_event->setEditable(true);
    m_event->setInsertPolicy(QComboBox::NoInsert);
    m_event->completer()->setFilterMode(Qt::MatchContains);
    m_event->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_event->addItems(m_vocabulary.events);
    m_event->setCurrentText(QString::fromStdString(e.event));
    m_count = addCombo(QStringLiteral("countCombo"), tr("How often"));
    m_count->addItem(tr("at least"), static_cast<int>(CountOp::AtLeast));
    m_count->addItem(tr("at most"), static_cast<int>(CountOp::AtMost));
    m_count->addItem(tr("exactly"), static_cast<int>(CountOp::Exactly));
    m_count->addItem(tr("never"), static_cast<int>(CountOp::Never));
    selectData(m_count, static_cast<int>(e.countOp));
    m_times->setObjectName(QStringLiteral("timesEdit"));
    m_times->setRange(0, 1'000'000);
    m_times->setValue(static_cast<int>(e.times));
    flow()->addWidget(m_times);
    flow()->addWidget(m_timesLabel);
    m_window = addCombo(QStringLiteral("windowCombo"), tr("When the events count"));
    m_window->addItem(tr("at any time"), static_cast<int>(Window::Always));
    m_window->addItem(tr("in the last"), static_cast<int>(Window::LastDays));
    m_window->addItem(tr("between"), static_cast<int>(Window::Between));
    const Window current =
        e.withinLastDays ? Window::LastDays : (e.from.empty() ? Window::Always : Window::Between);
    selectData(m_window, static_cast<int>(current));
    m_days->setObjectName(QStringLiteral("daysEdit"));
    m_days->setRange(1, 100 * 365);
    m_days->setValue(static_cast<int>(e.withinLastDays.value_or(kDefaultDays)));
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_from->setObjectName(QStringLiteral("fromDateEdit"));
    m_to->setObjectName(QStringLiteral("toDateEdit"));
    m_from->setDate(dateOf(e.from, m_vocabulary.nowMs - kDefaultDays * traits::kDayMs));
    m_to->setDate(dateOf(e.to, m_vocabulary.nowMs));
    for (QWidget *w : std::initializer_list<QWidget *>{m_days, m_daysLabel, m_from, m_and, m_to, m_filters}) {
        flow()->addWidget(w);
    }
    m_filters->setProperties(m_vocabulary.propertiesOf(QString::fromStdString(e.event)));
    // Filters go on lines of their own under the condition; "+ where" alone follows the window.
    m_filters->setProperty("flowLineBreak", !e.where.empty());
    updateVisibility();

    connectWidgets();
}

void EventConditionEditor::connectWidgets()
{
    const auto eventChosen = [this] {
        const std::string name = m_event->currentText().trimmed().toStdString();
        if (name != m_node.event.event) {
            m_node.event.event = name;
            m_filters->setProperties(m_vocabulary.propertiesOf(QString::fromStdString(name)));
            commit(QStringLiteral("event"));
        }
    };
    connect(m_filters, &PropertyFilterEditor::edited, this, &EventConditionEditor::onFiltersEdited);
    connect(m_event, &QComboBox::activated, this, eventChosen);
    connect(m_event->lineEdit(), &QLineEdit::editingFinished, this, eventChosen);
    connect(m_count, &QComboBox::activated, this, [this] {
        m_node.event.countOp = static_cast<CountOp>(m_count->currentData().toInt());
        updateVisibility();
        commit(QStringLiteral("count"));
    });
    connect(m_times, &QSpinBox::valueChanged, this, [this](int v) {
        m_node.event.times = v;
        updateVisibility();
        commit(QStringLiteral("times"));
    });
    connect(m_window, &QComboBox::activated, this, &EventConditionEditor::onWindowChosen);
    connect(m_days, &QSpinBox::valueChanged, this, [this](int v) {
        m_node.event.withinLastDays = v;
        commit(QStringLiteral("days"));
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this](const QDate &d) {
        m_node.event.from = d.toString(Qt::ISODate).toStdString();
        commit(QStringLiteral("from"));
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this](const QDate &d) {
        m_node.event.to = d.toString(Qt::ISODate).toStdString();
        commit(QStringLiteral("to"));
    });
}

void EventConditionEditor::onFiltersEdited(const QString &field)
{
    m_node.event.where = m_filters->filters();
    m_filters->setProperty("flowLineBreak", !m_node.event.where.empty());
    flow()->invalidate();
    updateGeometry();
    commit(field);
}

EventConditionEditor::Window EventConditionEditor::window() const
{
    return static_cast<Window>(m_window->currentData().toInt());
}

void EventConditionEditor::onWindowChosen()
{
    segments::EventCondition &e = m_node.event;
    e.withinLastDays.reset();
    e.from.clear();
    e.to.clear();
    if (window() == Window::LastDays) {
        e.withinLastDays = m_days->value();
    } else if (window() == Window::Between) {
        e.from = m_from->date().toString(Qt::ISODate).toStdString();
        e.to = m_to->date().toString(Qt::ISODate).toStdString();
    }
    updateVisibility();
    commit(QStringLiteral("window"));
}

void EventConditionEditor::updateVisibility()
{
    const bool never = m_node.event.countOp == CountOp::Never;
    m_times->setVisible(!never);
    m_timesLabel->setVisible(!never);
    m_timesLabel->setText(m_node.event.times == 1 ? tr("time") : tr("times"));
    m_days->setVisible(window() == Window::LastDays);
    m_daysLabel->setVisible(window() == Window::LastDays);
    for (QWidget *w : std::initializer_list<QWidget *>{m_from, m_and, m_to}) {
        w->setVisible(window() == Window::Between);
    }
}

} // namespace awb::ui
