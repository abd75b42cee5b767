// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/ImportPrompt.h"

#include "charts/ChartPalette.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace awb::ui {

ImportPrompt::ImportPrompt(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("importPrompt"));
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/data.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    auto *heading = new QLabel(tr("Import your data"), this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);
    auto *text =
        new QLabel(tr("This workspace has no events yet. Import Segment-style JSON lines (track, identify, "
                      "page calls) or CSV files of orders, order lines or events, with a mapping of "
                      "their columns. Compressed .gz and .xz files are read directly; nothing already "
                      "stored is ever lost."),
                   this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    // A fixed width lets the layout ask the wrapped label for its real height.
    text->setFixedWidth(520);
    text->setStyleSheet(QStringLiteral("color: %1;").arg(palette::mutedText().name()));
    auto *button = new QPushButton(tr("Import files…"), this);
    button->setObjectName(QStringLiteral("importPromptButton"));
    button->setDefault(true);
    button->setToolTip(tr("File > Import… (Ctrl+I)"));
    connect(button, &QPushButton::clicked, this, &ImportPrompt::importRequested);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(icon);
    layout->addWidget(heading);
    // Centred by stretches rather than an alignment flag: aligned items lose their height-for-width.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(text);
    row->addStretch(1);
    layout->addLayout(row);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(button);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addStretch(2);
}

} // namespace awb::ui
