// SPDX-License-Identifier: GPL-3.0-or-later
// The export dialog's "Recommended items" section: how many items per person (none by default), the
// strategy, which items may be shown (catalog values, price, markdown) and what each person must not be
// shown again. Tells what is wrong with a typed filter as it is typed.
#pragma once

#include "services/Recommendations.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace awb::ui {

class RecommendationOptions : public QWidget
{
    Q_OBJECT
public:
    explicit RecommendationOptions(QWidget *parent = nullptr);

    /// Whether the destination takes extra columns (Meta and Google take identifiers only): when not,
    /// the section is disabled and says why.
    void setPresetTakesItems(bool takes, const QString &presetName);
    void setCount(int count);
    /// The request, or nothing when no item is asked for (or the destination takes none). Valid only when
    /// error() is empty.
    std::optional<services::RecommendationRequest> request() const;
    /// One sentence on an export's recommended items: who got items, the backtest against the bestsellers.
    static QString summary(const services::RecommendationOutcome &outcome);
    /// What is wrong with the typed filters ("Price range 'x': ..."), empty when nothing.
    QString error() const;

signals:
    void changed();

private:
    void update();

    QSpinBox *m_count;
    QComboBox *m_strategy;
    QLineEdit *m_values;
    QLineEdit *m_price;
    QLineEdit *m_markdown;
    QCheckBox *m_bought;
    QCheckBox *m_cart;
    QLabel *m_note;
    bool m_takes = true;
    QString m_presetName;
};

} // namespace awb::ui
