// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/SourceMappingDialog.h"

#include "charts/ChartPalette.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace awb::ui {

namespace {

QLineEdit *field(QWidget *parent, const char *name, const std::string &text, const QString &defaultText)
{
    auto *e = new QLineEdit(QString::fromStdString(text), parent);
    e->setObjectName(QLatin1String(name));
    e->setPlaceholderText(defaultText);
    return e;
}

std::string trimmed(const QLineEdit *e)
{
    return e->text().trimmed().toStdString();
}

} // namespace

SourceMappingDialog::SourceMappingDialog(const QString &schema, const warehouse::SourceMapping &mapping,
                                         const QString &error, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Source mapping of %1").arg(schema));
    setMinimumWidth(520);
    const warehouse::SourceMapping defaults;
    m_userId = field(this, "mappingUserId", mapping.userIdColumn, tr("required, e.g. user_id"));
    m_anonymousId = field(this, "mappingAnonymousId", mapping.anonymousIdColumn, tr("none"));
    m_profileTable = field(this, "mappingProfileTable", mapping.profileTable, tr("none"));
    m_profileKey = field(this, "mappingProfileKey", mapping.profileKey, tr("e.g. id"));
    m_orderEvent = field(this, "mappingOrderEvent", mapping.orderEvent, tr("required, e.g. Order Completed"));
    m_orderValue = new QLineEdit(QString::fromStdString(mapping.valueColumnList()), this);
    m_orderValue->setObjectName(QStringLiteral("mappingOrderValue"));
    m_orderValue->setPlaceholderText(tr("required, e.g. revenue,total"));
    m_orderValue->setToolTip(tr("An order's value is the first of these columns that is set."));
    m_refundEvent =
        field(this, "mappingRefundEvent", mapping.refundEvent, tr("required, e.g. Order Refunded"));
    m_anonymousId->setToolTip(tr("The id of a visitor not known yet; an event carrying both ids joins them "
                                 "into one person. Empty when the source has none."));
    m_profileTable->setToolTip(tr("One row per user id; its other columns are the person's attributes in "
                                  "exports (e-mail, phone, names). Empty when there is none."));

    auto *intro = new QLabel(
        tr("Which columns and events of schema %1 the warehouse reads. Segment's warehouse connector uses "
           "the "
           "defaults (user_id, anonymous_id, users.id, Order Completed valued by revenue, else total). The "
           "people and traits are computed again with what you store.")
            .arg(schema),
        this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&User id column:"), m_userId);
    form->addRow(tr("&Anonymous id column:"), m_anonymousId);
    form->addRow(tr("&Profile table:"), m_profileTable);
    form->addRow(tr("Profile &key column:"), m_profileKey);
    form->addRow(tr("&Order event:"), m_orderEvent);
    form->addRow(tr("Order &value columns:"), m_orderValue);
    form->addRow(tr("&Refund event:"), m_refundEvent);
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Store and compute"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this, defaults] {
                m_userId->setText(QString::fromStdString(defaults.userIdColumn));
                m_anonymousId->setText(QString::fromStdString(defaults.anonymousIdColumn));
                m_profileTable->setText(QString::fromStdString(defaults.profileTable));
                m_profileKey->setText(QString::fromStdString(defaults.profileKey));
                m_orderEvent->setText(QString::fromStdString(defaults.orderEvent));
                m_orderValue->setText(QString::fromStdString(defaults.valueColumnList()));
                m_refundEvent->setText(QString::fromStdString(defaults.refundEvent));
            });
    // The required fields; the warehouse checks that the columns and tables exist.
    const auto complete = [this, buttons] {
        const bool profileKey =
            m_profileTable->text().trimmed().isEmpty() || !m_profileKey->text().trimmed().isEmpty();
        buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(!this->mapping().valueColumns.empty() && !trimmed(m_userId).empty() &&
                         !trimmed(m_orderEvent).empty() && !trimmed(m_refundEvent).empty() && profileKey);
    };
    for (QLineEdit *e : {m_userId, m_profileTable, m_profileKey, m_orderEvent, m_orderValue, m_refundEvent}) {
        connect(e, &QLineEdit::textChanged, this, complete);
    }
    complete();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    if (!error.isEmpty()) {
        auto *why = new QLabel(error, this);
        why->setObjectName(QStringLiteral("mappingError"));
        why->setWordWrap(true);
        why->setStyleSheet(QStringLiteral("color: %1;").arg(palette::error().name()));
        layout->addWidget(why);
    }
    layout->addLayout(form);
    layout->addWidget(buttons);
}

warehouse::SourceMapping SourceMappingDialog::mapping() const
{
    warehouse::SourceMapping m;
    m.userIdColumn = trimmed(m_userId);
    m.anonymousIdColumn = trimmed(m_anonymousId);
    m.profileTable = trimmed(m_profileTable);
    m.profileKey = trimmed(m_profileKey);
    m.orderEvent = trimmed(m_orderEvent);
    m.refundEvent = trimmed(m_refundEvent);
    m.setValueColumnList(trimmed(m_orderValue));
    return m;
}

} // namespace awb::ui
