// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/DataFilterBar.h"

#include "models/DisplayFormat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTimeZone>

namespace awb::ui {

namespace {
constexpr int kTextDebounceMs = 300;

QDate utcDate(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date();
}

std::int64_t startOfDayMs(const QDate &date)
{
    return date.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
}
} // namespace

DataFilterBar::DataFilterBar(QWidget *parent)
    : QWidget(parent), m_event(new QComboBox(this)), m_fromCheck(new QCheckBox(tr("From"), this)),
      m_from(new QDateEdit(this)), m_toCheck(new QCheckBox(tr("To"), this)), m_to(new QDateEdit(this)),
      m_text(new QLineEdit(this))
{
    m_event->setObjectName(QStringLiteral("eventFilterCombo"));
    m_event->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_event->setMinimumContentsLength(18);
    m_event->addItem(tr("All events"), QString());
    m_fromCheck->setObjectName(QStringLiteral("fromDateCheck"));
    m_toCheck->setObjectName(QStringLiteral("toDateCheck"));
    m_from->setObjectName(QStringLiteral("fromDateEdit"));
    m_to->setObjectName(QStringLiteral("toDateEdit"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(QDate::currentDate());
        edit->setEnabled(false);
    }
    m_text->setObjectName(QStringLiteral("textFilterEdit"));
    m_text->setPlaceholderText(tr("User ID, anonymous ID or email contains…"));
    m_text->setClearButtonEnabled(true);
    m_textDebounce.setSingleShot(true);
    m_textDebounce.setInterval(kTextDebounceMs);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *eventLabel = new QLabel(tr("Event"), this);
    eventLabel->setBuddy(m_event);
    layout->addWidget(eventLabel);
    layout->addWidget(m_event);
    layout->addSpacing(12);
    layout->addWidget(m_fromCheck);
    layout->addWidget(m_from);
    layout->addWidget(m_toCheck);
    layout->addWidget(m_to);
    layout->addSpacing(12);
    layout->addWidget(m_text, 1);

    connect(m_event, &QComboBox::currentIndexChanged, this, &DataFilterBar::filterChanged);
    connect(m_fromCheck, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromCheck, &QCheckBox::toggled, this, &DataFilterBar::filterChanged);
    connect(m_toCheck, &QCheckBox::toggled, this, &DataFilterBar::filterChanged);
    connect(m_from, &QDateEdit::dateChanged, this, [this] {
        if (m_fromCheck->isChecked()) {
            emit filterChanged();
        }
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this] {
        if (m_toCheck->isChecked()) {
            emit filterChanged();
        }
    });
    connect(m_text, &QLineEdit::textChanged, &m_textDebounce, qOverload<>(&QTimer::start));
    connect(&m_textDebounce, &QTimer::timeout, this, &DataFilterBar::filterChanged);
    connect(m_text, &QLineEdit::returnPressed, this, [this] {
        m_textDebounce.stop();
        emit filterChanged();
    });
}

services::BrowseFilter DataFilterBar::filter() const
{
    services::BrowseFilter f;
    f.eventName = m_event->currentData().toString().toStdString();
    if (m_fromCheck->isChecked()) {
        f.fromMs = startOfDayMs(m_from->date());
    }
    if (m_toCheck->isChecked()) {
        f.toMs = startOfDayMs(m_to->date().addDays(1));
    }
    f.text = m_text->text().trimmed().toStdString();
    return f;
}

void DataFilterBar::setEventNames(const std::vector<services::NameCount> &names)
{
    const QString selected = m_event->currentData().toString();
    const QSignalBlocker blocker(m_event);
    m_event->clear();
    m_event->addItem(tr("All events"), QString());
    for (const services::NameCount &n : names) {
        const QString name = QString::fromStdString(n.name);
        m_event->addItem(QStringLiteral("%1 (%2)").arg(name, format::count(n.count)), name);
    }
    const int index = m_event->findData(selected);
    m_event->setCurrentIndex(index >= 0 ? index : 0);
    if (index < 0 && !selected.isEmpty()) {
        emit filterChanged();
    }
}

void DataFilterBar::setDateBounds(std::int64_t firstMs, std::int64_t lastMs)
{
    if (firstMs == 0 && lastMs == 0) {
        return;
    }
    if (!m_fromCheck->isChecked()) {
        const QSignalBlocker blocker(m_from);
        m_from->setDate(utcDate(firstMs));
    }
    if (!m_toCheck->isChecked()) {
        const QSignalBlocker blocker(m_to);
        m_to->setDate(utcDate(lastMs));
    }
}

void DataFilterBar::reset()
{
    {
        const QSignalBlocker b1(m_event), b2(m_fromCheck), b3(m_toCheck), b4(m_text);
        m_event->setCurrentIndex(0);
        m_fromCheck->setChecked(false);
        m_toCheck->setChecked(false);
        m_from->setEnabled(false);
        m_to->setEnabled(false);
        m_text->clear();
    }
    m_textDebounce.stop();
    emit filterChanged();
}

} // namespace awb::ui
