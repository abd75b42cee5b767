// SPDX-License-Identifier: GPL-3.0-or-later
// An empty-state page for areas that later versions fill (Catalog, Audiences, Segments).
#pragma once

#include <QWidget>

namespace awb::ui {

class PlaceholderPage : public QWidget
{
    Q_OBJECT
public:
    PlaceholderPage(const QString &iconPath, const QString &title, const QString &description,
                    QWidget *parent = nullptr);
};

} // namespace awb::ui
