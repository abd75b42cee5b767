// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ImportFilesPage.h"

#include "settings/Settings.h"
#include "wizards/ImportWizard.h"
#include "wizards/ImportWizardState.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace awb::ui {

namespace {
using services::ImportFormat;

// Combo index <-> format; the order of the combo's items.
constexpr ImportFormat kFormats[] = {ImportFormat::JsonLines, ImportFormat::Csv};

int formatIndex(ImportFormat format)
{
    return format == ImportFormat::Csv ? 1 : 0;
}
} // namespace

ImportFilesPage::ImportFilesPage(ImportWizardState &state, settings::Settings &settings, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_settings(settings), m_table(new QTableWidget(0, 2, this)),
      m_add(new QPushButton(tr("Add files…"), this)), m_remove(new QPushButton(tr("Remove"), this))
{
    setObjectName(QStringLiteral("importFilesPage"));
    setTitle(tr("Choose files"));
    setSubTitle(tr("Segment-spec JSON lines (.jsonl, .json, also {\"batch\": [...]}) or CSV event logs; "
                   ".gz and .xz files are read directly. The format is detected per file: change it if "
                   "the guess is wrong."));
    m_table->setObjectName(QStringLiteral("importFileTable"));
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Format")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_add->setObjectName(QStringLiteral("importAddFilesButton"));
    m_remove->setObjectName(QStringLiteral("importRemoveFilesButton"));
    m_remove->setEnabled(false);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &ImportFilesPage::chooseFiles);
    connect(m_remove, &QPushButton::clicked, this, &ImportFilesPage::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_table->selectedItems().isEmpty()); });
}

void ImportFilesPage::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Choose files to import"), m_settings.value(settings::keys::LastImportDirectory),
        tr("Event files (*.jsonl *.ndjson *.json *.csv *.tsv *.txt *.gz *.xz);;All files (*)"));
    if (paths.isEmpty()) {
        return;
    }
    m_settings.setValue(settings::keys::LastImportDirectory, QFileInfo(paths.first()).absolutePath());
    addFiles(paths);
}

void ImportFilesPage::addFiles(const QStringList &paths)
{
    for (const QString &path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        const bool known = std::any_of(m_state.files.begin(), m_state.files.end(),
                                       [&](const ImportFileEntry &f) { return f.path == absolute; });
        if (known) {
            continue;
        }
        // Reads at most the first bytes of the file (read-only preview, allowed on a wizard page).
        const ImportFormat detected = services::ImportService::detectFormat(absolute.toStdString());
        m_state.files.push_back(
            {absolute, detected == ImportFormat::Csv ? ImportFormat::Csv : ImportFormat::JsonLines});
        addRow(static_cast<int>(m_state.files.size()) - 1);
    }
    emit completeChanged();
}

void ImportFilesPage::addRow(int row)
{
    const ImportFileEntry &entry = m_state.files[static_cast<std::size_t>(row)];
    m_table->insertRow(row);
    auto *item = new QTableWidgetItem(QFileInfo(entry.path).fileName());
    item->setToolTip(entry.path);
    m_table->setItem(row, 0, item);
    auto *combo = new QComboBox(m_table);
    combo->setObjectName(QStringLiteral("importFormatCombo"));
    combo->addItems({tr("JSON lines"), tr("CSV")});
    combo->setCurrentIndex(formatIndex(entry.format));
    connect(combo, &QComboBox::currentIndexChanged, this, [this, combo](int index) {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            if (m_table->cellWidget(r, 1) == combo) {
                setFormat(r, index);
            }
        }
    });
    m_table->setCellWidget(row, 1, combo);
}

void ImportFilesPage::setFormat(int row, int index)
{
    if (row < 0 || row >= static_cast<int>(m_state.files.size()) || index < 0 || index > 1) {
        return;
    }
    m_state.files[static_cast<std::size_t>(row)].format = kFormats[index];
    if (auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, 1));
        combo && combo->currentIndex() != index) {
        combo->setCurrentIndex(index);
    }
}

void ImportFilesPage::removeSelected()
{
    std::set<int, std::greater<>> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        rows.insert(index.row());
    }
    for (const int row : rows) {
        m_table->removeRow(row);
        m_state.files.erase(m_state.files.begin() + row);
    }
    emit completeChanged();
}

bool ImportFilesPage::isComplete() const
{
    return !m_state.files.empty();
}

int ImportFilesPage::nextId() const
{
    return m_state.hasCsv() ? ImportWizard::MappingPageId : ImportWizard::RunPageId;
}

} // namespace awb::ui
