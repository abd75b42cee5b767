// SPDX-License-Identifier: GPL-3.0-or-later
// The audience size: presets (top 1 / 5 / 10 / 20 / 50 %), a slider and an exact-count spin box, kept
// in sync. Knows nothing of scores: the builder turns the size into read-outs.
#pragma once

#include "audience/AudienceTypes.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QSlider;
class QSpinBox;

namespace awb::ui {

class SizePicker : public QWidget
{
    Q_OBJECT
public:
    explicit SizePicker(QWidget *parent = nullptr);

    /// The number of profiles to choose from; keeps the current rule (a preset stays that percent, a count
    /// is capped). 0 disables the picker.
    void setEligible(qint64 eligible);
    qint64 eligible() const { return m_eligible; }
    /// Chooses the top percent (as the size rule "5%": ceil of that share of the eligible).
    void setPercent(double percent);
    /// Chooses an exact count (capped to [1, eligible]).
    void setCount(qint64 count);
    qint64 size() const { return m_size; }
    /// The rule the audience keeps: the preset's percent, or the exact count chosen with slider or spin box.
    const audience::SizeRule &rule() const { return m_rule; }

    QSlider *slider() const { return m_slider; }
    QSpinBox *spinBox() const { return m_spin; }

    static constexpr double kPresets[] = {1, 5, 10, 20, 50};

signals:
    void sizeChanged(qint64 size);

private:
    void apply(const audience::SizeRule &rule);

    qint64 m_eligible = 0;
    qint64 m_size = 0;
    audience::SizeRule m_rule = audience::SizeRule::ofPercent(5);
    QButtonGroup *m_presets;
    QSlider *m_slider;
    QSpinBox *m_spin;
    QLabel *m_share;
};

} // namespace awb::ui
