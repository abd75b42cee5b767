// SPDX-License-Identifier: GPL-3.0-or-later
// The banner over a static (frozen) segment in the builder: how many people were frozen, when, as of which
// date and from which segment; that its members never change; and a way to edit its rule as a new segment.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace awb::segments {
struct SavedSegment;
}

namespace awb::ui {

class StaticSegmentBanner : public QFrame
{
    Q_OBJECT
public:
    explicit StaticSegmentBanner(QWidget *parent = nullptr);

    void setSegment(const segments::SavedSegment &segment);
    QString text() const;

signals:
    /// "Edit the rule as a new segment" was clicked.
    void editCopyClicked();

private:
    QLabel *m_text;
    QPushButton *m_editCopy;
};

} // namespace awb::ui
