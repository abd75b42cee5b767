// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseConnectDialog.h"

#include "settings/Settings.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace awb::ui {

namespace {

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

WarehouseConnectDialog::WarehouseConnectDialog(settings::Settings &settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_host(new QLineEdit(this)), m_port(new QSpinBox(this)),
      m_database(new QLineEdit(this)), m_user(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_schema(new QLineEdit(this))
{
    setWindowTitle(tr("Connect to warehouse"));
    setMinimumWidth(480);
    auto *intro =
        new QLabel(tr("A PostgreSQL-family warehouse holding events in the layout of Segment's warehouse "
                      "connector (tracks, one table per event, identifies, pages, users). Segments are "
                      "counted and saved inside it; person ids never leave it."),
                   this);
    intro->setWordWrap(true);
    m_host->setObjectName(QStringLiteral("warehouseHost"));
    m_host->setPlaceholderText(tr("db.example.com, or a socket folder such as /run/postgresql"));
    m_host->setText(settings.value(settings::keys::WarehouseHost));
    m_port->setRange(1, 65535);
    m_port->setValue(settings.value(settings::keys::WarehousePort));
    m_database->setObjectName(QStringLiteral("warehouseDatabase"));
    m_database->setText(settings.value(settings::keys::WarehouseDatabase));
    m_user->setObjectName(QStringLiteral("warehouseUser"));
    m_user->setText(settings.value(settings::keys::WarehouseUser));
    m_password->setObjectName(QStringLiteral("warehousePassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("not stored"));
    m_schema->setObjectName(QStringLiteral("warehouseSchema"));
    m_schema->setText(settings.value(settings::keys::WarehouseSchema));
    m_schema->setToolTip(
        tr("The schema of the source: Segment writes one schema per source, named after it."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("&Schema:"), m_schema);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &WarehouseConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto complete = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(!m_host->text().trimmed().isEmpty() && !m_database->text().trimmed().isEmpty() &&
                         !m_schema->text().trimmed().isEmpty());
    };
    for (QLineEdit *e : {m_host, m_database, m_schema}) {
        connect(e, &QLineEdit::textChanged, this, complete);
    }
    complete();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    (m_database->text().isEmpty() ? m_database : m_password)->setFocus();
}

std::string WarehouseConnectDialog::buildUri(const QString &host, int port, const QString &database,
                                             const QString &user, const QString &password,
                                             const QString &schema)
{
    // Every value as a query parameter, so socket folders, user names and passwords need no other escaping.
    QString uri = QStringLiteral("postgresql:///") + encoded(database) + QStringLiteral("?host=") +
                  encoded(host) + QStringLiteral("&port=") + QString::number(port);
    if (!user.isEmpty()) {
        uri += QStringLiteral("&user=") + encoded(user);
    }
    if (!password.isEmpty()) {
        uri += QStringLiteral("&password=") + encoded(password);
    }
    uri += QStringLiteral("&options=") + encoded(QStringLiteral("-csearch_path=") + schema);
    return uri.toStdString();
}

std::string WarehouseConnectDialog::uri() const
{
    return buildUri(m_host->text().trimmed(), m_port->value(), m_database->text().trimmed(),
                    m_user->text().trimmed(), m_password->text(), m_schema->text().trimmed());
}

QString WarehouseConnectDialog::displayName() const
{
    return tr("%1 / %2 on %3")
        .arg(m_database->text().trimmed(), m_schema->text().trimmed(), m_host->text().trimmed());
}

void WarehouseConnectDialog::accept()
{
    m_settings.setValue(settings::keys::WarehouseHost, m_host->text().trimmed());
    m_settings.setValue(settings::keys::WarehousePort, m_port->value());
    m_settings.setValue(settings::keys::WarehouseDatabase, m_database->text().trimmed());
    m_settings.setValue(settings::keys::WarehouseUser, m_user->text().trimmed());
    m_settings.setValue(settings::keys::WarehouseSchema, m_schema->text().trimmed());
    QDialog::accept();
}

} // namespace awb::ui
