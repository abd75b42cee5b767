// SPDX-License-Identifier: GPL-3.0-or-later
// File > Connect to warehouse…: where the PostgreSQL-family warehouse is (host or socket folder, port,
// database, user, the schema Segment's connector writes) and the password. Everything but the password is
// remembered in the settings; the password lives only in memory for the session.
#pragma once

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace awb::settings {
class Settings;
}

namespace awb::ui {

class WarehouseConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WarehouseConnectDialog(settings::Settings &settings, QWidget *parent = nullptr);

    /// The libpq URI, password included (percent-encoded); never store or show it.
    std::string uri() const;
    /// "database / schema on host" for titles.
    QString displayName() const;

    /// The URI of these fields (exposed for tests).
    static std::string buildUri(const QString &host, int port, const QString &database, const QString &user,
                                const QString &password, const QString &schema);

private:
    void accept() override;

    settings::Settings &m_settings;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_schema;
};

} // namespace awb::ui
