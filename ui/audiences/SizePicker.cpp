// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/SizePicker.h"

#include "models/DisplayFormat.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace awb::ui {

SizePicker::SizePicker(QWidget *parent)
    : QWidget(parent), m_presets(new QButtonGroup(this)), m_slider(new QSlider(Qt::Horizontal, this)),
      m_spin(new QSpinBox(this)), m_share(new QLabel(this))
{
    setObjectName(QStringLiteral("sizePicker"));
    auto *presets = new QHBoxLayout;
    presets->setContentsMargins(0, 0, 0, 0);
    m_presets->setExclusive(true);
    for (int i = 0; i < static_cast<int>(std::size(kPresets)); ++i) {
        auto *button = new QToolButton(this);
        button->setText(tr("Top %1%").arg(kPresets[i]));
        button->setObjectName(QStringLiteral("sizePreset%1").arg(kPresets[i]));
        button->setCheckable(true);
        button->setToolTip(tr("The %1% of eligible profiles most likely to engage").arg(kPresets[i]));
        m_presets->addButton(button, i);
        presets->addWidget(button);
    }
    m_slider->setObjectName(QStringLiteral("sizeSlider"));
    m_slider->setToolTip(tr("Audience size: drag, or use the arrow and Page keys"));
    m_spin->setObjectName(QStringLiteral("sizeSpinBox"));
    m_spin->setGroupSeparatorShown(true);
    m_spin->setSuffix(tr(" people"));
    m_spin->setAccelerated(true);
    m_spin->setKeyboardTracking(false);
    m_share->setObjectName(QStringLiteral("sizeShareLabel"));
    m_share->setMinimumWidth(
        m_share->fontMetrics().horizontalAdvance(QStringLiteral("of 1,000,000 (10.0%)")));
    presets->addStretch(1);
    auto *exact = new QHBoxLayout;
    exact->addWidget(m_slider, 1);
    exact->addWidget(m_spin);
    exact->addWidget(m_share);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(presets);
    layout->addLayout(exact);

    connect(m_presets, &QButtonGroup::idClicked, this,
            [this](int id) { setPercent(kPresets[static_cast<std::size_t>(id)]); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) { setCount(value); });
    connect(m_spin, &QSpinBox::valueChanged, this, [this](int value) { setCount(value); });
    setEligible(0);
}

void SizePicker::setEligible(qint64 eligible)
{
    m_eligible = std::clamp<qint64>(eligible, 0, INT_MAX);
    const int top = static_cast<int>(std::max<qint64>(m_eligible, 1));
    {
        const QSignalBlocker blockSlider(m_slider);
        const QSignalBlocker blockSpin(m_spin);
        m_slider->setRange(1, top);
        m_slider->setPageStep(std::max(1, top / 100));
        m_slider->setSingleStep(std::max(1, top / 1000));
        m_spin->setRange(1, top);
    }
    setEnabled(m_eligible > 0);
    apply(m_rule);
}

void SizePicker::setPercent(double percent)
{
    apply(audience::SizeRule::ofPercent(std::clamp(percent, 0.0001, 100.0)));
}

void SizePicker::setCount(qint64 count)
{
    apply(audience::SizeRule::ofCount(std::max<qint64>(count, 1)));
}

void SizePicker::apply(const audience::SizeRule &rule)
{
    m_rule = rule;
    const qint64 size = rule.resolve(m_eligible);
    const int shown = static_cast<int>(std::max<qint64>(size, 1));
    {
        const QSignalBlocker blockSlider(m_slider);
        const QSignalBlocker blockSpin(m_spin);
        m_slider->setValue(shown);
        m_spin->setValue(shown);
        m_spin->setSuffix(shown == 1 ? tr(" person") : tr(" people"));
    }
    // The preset button stays checked only while its rule is the one in force.
    QAbstractButton *preset = nullptr;
    for (int i = 0; i < static_cast<int>(std::size(kPresets)); ++i) {
        if (rule.kind == audience::SizeRule::Kind::Percent && rule.percent == kPresets[i]) {
            preset = m_presets->button(i);
        }
    }
    m_presets->setExclusive(false);
    for (QAbstractButton *b : m_presets->buttons()) {
        b->setChecked(b == preset);
    }
    m_presets->setExclusive(true);
    m_share->setText(
        m_eligible > 0 ? tr("of %1 (%2)")
                             .arg(format::count(m_eligible), format::percent(static_cast<double>(size) /
                                                                             static_cast<double>(m_eligible)))
                       : QString());
    if (size != m_size) {
        m_size = size;
        emit sizeChanged(m_size);
    }
}

} // namespace awb::ui
