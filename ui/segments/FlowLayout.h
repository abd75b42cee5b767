// SPDX-License-Identifier: GPL-3.0-or-later
// A layout that places its items left to right and wraps them onto the next line when the width runs out
// (condition rows stay readable in a narrow window). A widget whose property "flowLineBreak" is true
// starts a new line.
#pragma once

#include <QLayout>
#include <QList>

namespace awb::ui {

class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr, int spacing = 6);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    /// Lays the items out in rect (moving them unless dryRun); returns the height used.
    int place(const QRect &rect, bool dryRun) const;

    QList<QLayoutItem *> m_items;
    int m_spacing;
};

} // namespace awb::ui
