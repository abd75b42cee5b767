// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/AsOfPicker.h"

#include "models/DisplayFormat.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QTimeZone>

namespace awb::ui {

namespace {
enum Mode
{
    Now,
    OnDate,
};

QDate utcDay(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date();
}
} // namespace

AsOfPicker::AsOfPicker(QWidget *parent)
    : QWidget(parent), m_mode(new QComboBox(this)), m_date(new QDateEdit(this))
{
    setObjectName(QStringLiteral("asOfPicker"));
    m_mode->setObjectName(QStringLiteral("asOfCombo"));
    m_mode->addItem(tr("as of the last event"), Now);
    m_mode->addItem(tr("as of the start of"), OnDate);
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_mode->setToolTip(tr(
        "Compute the traits as they were on a past day (later events unseen), or just after the last event"));
    m_date->setObjectName(QStringLiteral("asOfDateEdit"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd '(UTC)'"));
    m_date->setDate(QDate::currentDate());
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_mode);
    layout->addWidget(m_date);
    updateVisibility();
    connect(m_mode, &QComboBox::activated, this, [this] {
        updateVisibility();
        emit asOfChanged();
    });
    connect(m_date, &QDateEdit::dateChanged, this, [this] {
        if (m_mode->currentData().toInt() == OnDate) {
            emit asOfChanged();
        }
    });
}

void AsOfPicker::setAsOf(std::optional<std::int64_t> asOfMs)
{
    const QSignalBlocker blockMode(m_mode);
    const QSignalBlocker blockDate(m_date);
    m_mode->setCurrentIndex(m_mode->findData(asOfMs ? OnDate : Now));
    if (asOfMs) {
        m_date->setDate(utcDay(*asOfMs));
    }
    updateVisibility();
}

std::optional<std::int64_t> AsOfPicker::asOf() const
{
    if (m_mode->currentData().toInt() == Now) {
        return std::nullopt;
    }
    return QDateTime(m_date->date(), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

void AsOfPicker::setLatest(std::int64_t nowMs)
{
    m_mode->setItemText(m_mode->findData(Now), describe(std::nullopt, nowMs));
    if (m_mode->currentData().toInt() == Now) {
        const QSignalBlocker block(m_date);
        m_date->setDate(utcDay(nowMs));
    }
}

QString AsOfPicker::describe(std::optional<std::int64_t> asOfMs, std::int64_t nowMs)
{
    if (asOfMs) {
        return tr("as of the start of %1 (UTC)").arg(format::date(*asOfMs));
    }
    // nowMs is 1 ms past the last event; without events there is no date to name.
    return nowMs > 1 ? tr("as of the last event, %1 (UTC)").arg(format::date(nowMs - 1))
                     : tr("as of the last event");
}

void AsOfPicker::updateVisibility()
{
    m_date->setVisible(m_mode->currentData().toInt() == OnDate);
}

} // namespace awb::ui
