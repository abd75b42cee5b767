// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ConfirmDelete.h"

#include <QMessageBox>
#include <QPushButton>

namespace awb::ui {

void confirmDelete(QWidget *parent, const QString &title, const QString &question,
                   std::function<void()> onConfirmed)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, question, QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("confirmRemoveBox"));
    QPushButton *remove = box->addButton(QMessageBox::tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QObject::connect(box, &QMessageBox::finished, box, [box, remove, done = std::move(onConfirmed)] {
        if (box->clickedButton() == remove) {
            done();
        }
    });
    box->open();
}

} // namespace awb::ui
