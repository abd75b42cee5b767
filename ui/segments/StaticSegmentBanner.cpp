// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/StaticSegmentBanner.h"

#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"
#include "segments/SegmentRepository.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace awb::ui {

StaticSegmentBanner::StaticSegmentBanner(QWidget *parent)
    : QFrame(parent), m_text(new QLabel(this)),
      m_editCopy(new QPushButton(tr("Edit the rule as a new segment"), this))
{
    setObjectName(QStringLiteral("staticSegmentBanner"));
    // A calm teal frame: information, not a warning.
    const QColor accent = palette::series(5);
    setStyleSheet(
        QStringLiteral("#staticSegmentBanner { background: %1; border: 1px solid %2; border-radius: 4px; }")
            .arg(QColor(0xe6, 0xf4, 0xf7).name(), accent.name()));
    m_text->setObjectName(QStringLiteral("staticSegmentText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_editCopy->setObjectName(QStringLiteral("editStaticCopyButton"));
    m_editCopy->setToolTip(tr("Start a new rule segment from the rule this one was frozen from"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_editCopy, 0, Qt::AlignVCenter);
    connect(m_editCopy, &QPushButton::clicked, this, &StaticSegmentBanner::editCopyClicked);
}

void StaticSegmentBanner::setSegment(const segments::SavedSegment &s)
{
    m_text->setText(tr("<b>Static segment: %1</b>, frozen on %2 from \"%3\" (traits as of %4). Its "
                       "members never change; the rule below is the one it was frozen from, shown read-only.")
                        .arg(format::plural(s.memberCount, tr("%1 person"), tr("%1 people")),
                             format::timestamp(s.createdAtMs),
                             QString::fromStdString(s.frozenFrom).toHtmlEscaped(),
                             format::timestamp(s.asOfMs)) +
                    (s.controlSize > 0
                         ? tr(" Control group: %1 of them (%2) held out at random, never exported (seed %3).")
                               .arg(format::count(s.controlSize), QString::fromStdString(s.control.shareText()),
                                    QString::number(s.control.seed))
                         : QString()));
}

QString StaticSegmentBanner::text() const
{
    return m_text->text();
}

} // namespace awb::ui
