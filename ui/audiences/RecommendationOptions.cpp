// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/RecommendationOptions.h"

#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace awb::ui {

namespace {

// The typed options as a request, or what is wrong with them.
Result<services::RecommendationRequest> build(int count, int strategy, const QString &values, const QString &price,
                                              const QString &markdown, bool bought, bool cart)
{
    services::RecommendationRequest r;
    r.count = count;
    r.strategy = static_cast<numeric::RecStrategy>(strategy);
    for (const QString &part : values.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (part.trimmed().isEmpty()) {
            continue;
        }
        auto condition = services::parseItemCondition(part.toStdString());
        if (!condition) {
            return fail(condition.error());
        }
        r.conditions.push_back(std::move(*condition));
    }
    if (!price.trimmed().isEmpty()) {
        if (auto ok = services::parsePriceRange(price.trimmed().toStdString(), r); !ok) {
            return fail(ok.error());
        }
    }
    if (!markdown.trimmed().isEmpty()) {
        if (auto ok = services::parseMarkdown(markdown.trimmed().toStdString(), r); !ok) {
            return fail(ok.error());
        }
    }
    r.excludeBought = bought;
    r.excludeInCart = cart;
    return r;
}

} // namespace

RecommendationOptions::RecommendationOptions(QWidget *parent)
    : QWidget(parent), m_count(new QSpinBox(this)), m_strategy(new QComboBox(this)), m_values(new QLineEdit(this)),
      m_price(new QLineEdit(this)), m_markdown(new QLineEdit(this)), m_bought(new QCheckBox(this)),
      m_cart(new QCheckBox(this)), m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("recommendationOptions"));
    m_count->setObjectName(QStringLiteral("recCountSpin"));
    m_count->setRange(0, numeric::kMaxRecommendations);
    m_count->setSpecialValueText(tr("None"));
    m_count->setSuffix(tr(" per person"));
    m_count->setToolTip(tr("Write each member's recommended items as columns rec_1_id, rec_1_price, rec_1_name … "
                           "(Mailchimp: Rec 1 ID …), for the e-mail's merge fields"));
    m_strategy->setObjectName(QStringLiteral("recStrategyCombo"));
    using S = numeric::RecStrategy;
    for (const auto &[label, strategy, tip] :
         {std::tuple{tr("Blend: personal, else bestsellers"), S::Blend,
                     tr("Collaborative filtering for people with history; bestsellers for the others")},
          std::tuple{tr("Personal (collaborative filtering)"), S::Personal,
                     tr("From what people like them engaged with; nothing for people without history")},
          std::tuple{tr("Similar to what they engaged with"), S::Similar,
                     tr("Item-kNN: items most often engaged with together with their own")},
          std::tuple{tr("Bestsellers"), S::Bestsellers,
                     tr("The most engaged items of the last 30 days, the same for everybody")}}) {
        m_strategy->addItem(label, static_cast<int>(strategy));
        m_strategy->setItemData(m_strategy->count() - 1, tip, Qt::ToolTipRole);
    }
    m_values->setObjectName(QStringLiteral("recValuesEdit"));
    m_values->setPlaceholderText(tr("e.g. Category=Beauty|Home; Brand=Nordlicht"));
    m_values->setToolTip(tr("Only items having one of the values in each catalog column named"));
    m_price->setObjectName(QStringLiteral("recPriceEdit"));
    m_price->setPlaceholderText(tr("e.g. 0-100"));
    m_price->setToolTip(tr("Only items whose latest price is in the range (MIN-MAX, -MAX or MIN-)"));
    m_markdown->setObjectName(QStringLiteral("recMarkdownEdit"));
    m_markdown->setPlaceholderText(tr("e.g. 20%"));
    m_markdown->setToolTip(tr("Only items at least this far below the highest price seen for them"));
    m_bought->setObjectName(QStringLiteral("recExcludeBoughtCheck"));
    m_bought->setText(tr("Not what they bought"));
    m_bought->setChecked(true);
    m_cart->setObjectName(QStringLiteral("recExcludeCartCheck"));
    m_cart->setText(tr("Not what is in their cart"));
    m_note->setObjectName(QStringLiteral("recNote"));
    m_note->setWordWrap(true);

    auto *priceRow = new QHBoxLayout;
    priceRow->addWidget(m_price, 1);
    priceRow->addWidget(new QLabel(tr("Markdown at least"), this));
    priceRow->addWidget(m_markdown, 1);
    auto *excludeRow = new QHBoxLayout;
    excludeRow->addWidget(m_bought);
    excludeRow->addWidget(m_cart);
    excludeRow->addStretch(1);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Items"), m_count);
    form->addRow(tr("Strategy"), m_strategy);
    form->addRow(tr("Only items"), m_values);
    form->addRow(tr("Price"), priceRow);
    form->addRow(tr("Exclude"), excludeRow);
    form->addRow(QString(), m_note);

    for (QLineEdit *edit : {m_values, m_price, m_markdown}) {
        connect(edit, &QLineEdit::textChanged, this, &RecommendationOptions::update);
    }
    connect(m_count, &QSpinBox::valueChanged, this, &RecommendationOptions::update);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &RecommendationOptions::update);
    connect(m_bought, &QCheckBox::toggled, this, &RecommendationOptions::update);
    connect(m_cart, &QCheckBox::toggled, this, &RecommendationOptions::update);
    update();
}

void RecommendationOptions::setPresetTakesItems(bool takes, const QString &presetName)
{
    m_takes = takes;
    m_presetName = presetName;
    update();
}

void RecommendationOptions::setCount(int count)
{
    m_count->setValue(count);
}

std::optional<services::RecommendationRequest> RecommendationOptions::request() const
{
    if (!m_takes || m_count->value() == 0) {
        return std::nullopt;
    }
    auto r = build(m_count->value(), m_strategy->currentData().toInt(), m_values->text(), m_price->text(),
                   m_markdown->text(), m_bought->isChecked(), m_cart->isChecked());
    return r ? std::optional(std::move(*r)) : std::nullopt;
}

QString RecommendationOptions::error() const
{
    if (!m_takes || m_count->value() == 0) {
        return {};
    }
    const auto r = build(m_count->value(), m_strategy->currentData().toInt(), m_values->text(), m_price->text(),
                         m_markdown->text(), m_bought->isChecked(), m_cart->isChecked());
    return r ? QString() : QString::fromStdString(r.error().message);
}

QString RecommendationOptions::summary(const services::RecommendationOutcome &outcome)
{
    QString text = tr("Recommended items, %1: %2 of %3 people got items")
                       .arg(QString::fromStdString(outcome.strategy), format::count(outcome.withItems),
                            format::count(outcome.people));
    if (!outcome.backtest.empty()) {
        const numeric::RecQuality &own = outcome.backtest.front();
        text += tr("; backtest over %1 people: hit rate %2, recall %3")
                    .arg(format::count(own.people), format::percent(own.hitRate), format::percent(own.recall));
        if (outcome.backtest.size() > 1) {
            const numeric::RecQuality &best = outcome.backtest[1];
            text += tr(" (bestsellers: %1, %2)").arg(format::percent(best.hitRate), format::percent(best.recall));
        }
    }
    return text + QLatin1Char('.');
}

void RecommendationOptions::update()
{
    m_count->setEnabled(m_takes);
    const bool on = m_takes && m_count->value() > 0;
    for (QWidget *w : std::initializer_list<QWidget *>{m_strategy, m_values, m_price, m_markdown, m_bought, m_cart}) {
        w->setEnabled(on);
    }
    const QString error = this->error();
    QString note;
    QColor colour = palette::mutedText();
    if (!m_takes) {
        note = tr("%1 files take identifiers only: no recommended items.").arg(m_presetName);
    } else if (!error.isEmpty()) {
        note = error;
        colour = palette::error();
    } else if (on) {
        note = tr("Trained on the catalog's interactions when the export runs; its backtest against the "
                  "bestsellers is reported with the export.");
    }
    m_note->setText(note);
    m_note->setStyleSheet(QStringLiteral("color: %1;").arg(colour.name()));
    m_note->setVisible(!note.isEmpty());
    emit changed();
}

} // namespace awb::ui
