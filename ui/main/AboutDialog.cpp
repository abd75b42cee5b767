// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/AboutDialog.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace awb::ui {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Audience Workbench"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(true);
    text->setText(
        tr("<h2>Audience Workbench %1</h2>"
           "<p>Turn your own customer event data into audiences and segments, offline.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later (GPL-3.0-or-later). "
           "This program is free software: you may redistribute and change it under that licence. It comes "
           "with ABSOLUTELY NO WARRANTY, to the extent permitted by law; see the licence "
           "(<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">gnu.org/licenses/gpl-3.0</a>).</p>"
           "<p>Built with these libraries:</p>")
            .arg(QStringLiteral(AWB_VERSION)));
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(text, 1);

    const std::vector<LibraryVersion> libs = libraries();
    auto *table = new QTableWidget(static_cast<int>(libs.size()), 3, this);
    table->setObjectName(QStringLiteral("aboutLibrariesTable"));
    table->setHorizontalHeaderLabels({tr("Library"), tr("Version"), tr("Version of")});
    for (int row = 0; row < table->rowCount(); ++row) {
        const LibraryVersion &lib = libs[static_cast<std::size_t>(row)];
        table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(lib.name)));
        table->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(lib.version)));
        table->setItem(
            row, 2,
            new QTableWidgetItem(lib.runtime ? tr("the library loaded") : tr("the headers built with")));
    }
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    table->setMinimumHeight(table->horizontalHeader()->height() + table->rowCount() * table->rowHeight(0) +
                            4);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
    resize(520, 480);
}

std::vector<LibraryVersion> AboutDialog::libraries()
{
    std::vector<LibraryVersion> all = libraryVersions();
    all.push_back({"QCustomPlot", QCUSTOMPLOT_VERSION_STR, false});
    return all;
}

} // namespace awb::ui
