// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/PlaceholderPage.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace awb::ui {

PlaceholderPage::PlaceholderPage(const QString &iconPath, const QString &title, const QString &description,
                                 QWidget *parent)
    : QWidget(parent)
{
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(iconPath).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);
    auto *later = new QLabel(tr("This area comes in a later version of Audience Workbench."), this);
    later->setObjectName(QStringLiteral("placeholderLaterLabel"));
    later->setAlignment(Qt::AlignCenter);
    auto *text = new QLabel(description, this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    // A fixed width lets the layout ask the wrapped label for its real height.
    text->setFixedWidth(560);
    text->setStyleSheet(QStringLiteral("color: #555555;"));

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(icon);
    layout->addWidget(heading);
    layout->addWidget(later);
    // Centred by stretches rather than an alignment flag: aligned items lose their height-for-width.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(text);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);
}

} // namespace awb::ui
