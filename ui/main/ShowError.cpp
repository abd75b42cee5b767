// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/ShowError.h"

#include <QLoggingCategory>
#include <QMessageBox>

namespace awb::ui {

Q_LOGGING_CATEGORY(lcUi, "awb.ui")

namespace {

ErrorHandler &handler()
{
    static ErrorHandler current;
    return current;
}

void showMessageBox(QWidget *parent, const Error &error)
{
    auto *box = new QMessageBox(QMessageBox::Warning, QObject::tr("Audience Workbench"),
                                QString::fromStdString(error.message), QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("errorMessageBox"));
    if (!error.detail.empty()) {
        box->setDetailedText(QString::fromStdString(error.detail));
    }
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace

void showError(QWidget *parent, const Error &error)
{
    if (error.isCancelled()) {
        return;
    }
    qCWarning(lcUi).noquote() << QString::fromStdString(error.message)
                              << QString::fromStdString(error.detail);
    if (handler()) {
        handler()(parent, error);
    } else {
        showMessageBox(parent, error);
    }
}

ErrorHandler setErrorHandler(ErrorHandler replacement)
{
    ErrorHandler previous = std::move(handler());
    handler() = std::move(replacement);
    return previous;
}

} // namespace awb::ui
