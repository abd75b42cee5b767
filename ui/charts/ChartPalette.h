// SPDX-License-Identifier: GPL-3.0-or-later
// The one palette of the charts and of the tables that share their legend (model, baselines, reference).
#pragma once

#include <QColor>

#include <array>

namespace awb::ui::palette {

/// Series colours in order: the model first, then the baselines (activity, own history, CF), then extras.
inline QColor series(int index)
{
    static const std::array<QColor, 6> colours{
        QColor(0x1d, 0x4e, 0xd8), // model: strong blue
        QColor(0xd9, 0x77, 0x06), // activity only: amber
        QColor(0x05, 0x96, 0x69), // own history only: green
        QColor(0x9c, 0x27, 0xb0), // CF only: purple
        QColor(0xdc, 0x26, 0x26), // red
        QColor(0x0e, 0x74, 0x90), // teal
    };
    return colours[static_cast<std::size_t>(index < 0 ? 0 : index) % colours.size()];
}

/// The random / perfect-calibration reference diagonal.
inline QColor reference()
{
    return QColor(0x9c, 0xa3, 0xaf);
}

/// Grid lines and axis text.
inline QColor grid()
{
    return QColor(0xe5, 0xe7, 0xeb);
}
inline QColor text()
{
    return QColor(0x37, 0x41, 0x51);
}
inline QColor mutedText()
{
    return QColor(0x6b, 0x72, 0x80);
}

/// Messages: warnings (amber) and errors (red), readable on a light background.
inline QColor warning()
{
    return QColor(0x92, 0x40, 0x0e);
}
inline QColor error()
{
    return QColor(0xb0, 0x00, 0x20);
}

} // namespace awb::ui::palette
