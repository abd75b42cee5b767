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

// Combo index <-> role; the order of the combo's items.
constexpr ImportFileRole kRoles[] = {ImportFileRole::JsonEvents, ImportFileRole::CsvEvents, ImportFileRole::Lookup,
                                     ImportFileRole::Profiles};

int roleIndex(ImportFileRole role)
{
    return static_cast<int>(std::find(std::begin(kRoles), std::end(kRoles), role) - std::begin(kRoles));
}

/// Of several CSV files chosen together, the one that is most likely the fact file: a name that says line
/// items or events, else the first.
std::size_t likelyFactFile(const std::vector<QString> &paths)
{
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const QString name = QFileInfo(paths[i]).fileName().toLower();
        if (name.contains(QLatin1String("item")) || name.contains(QLatin1String("line")) ||
            name.contains(QLatin1String("event"))) {
            return i;
        }
    }
    return 0;
}
} // namespace

ImportFilesPage::ImportFilesPage(ImportWizardState &state, settings::Settings &settings, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_settings(settings), m_table(new QTableWidget(0, 2, this)),
      m_add(new QPushButton(tr("Add files…"), this)), m_remove(new QPushButton(tr("Remove"), this))
{
    setObjectName(QStringLiteral("importFilesPage"));
    setTitle(tr("Choose files"));
    setSubTitle(tr("JSON lines or CSV (.gz and .xz too). A CSV import reads one events file (events, orders or "
                   "order lines), joins lookups to it (orders, customers, products) and may add profiles (a row "
                   "per person). Fix a wrong guess in Role."));
    m_table->setObjectName(QStringLiteral("importFileTable"));
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Role")});
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
    std::vector<QString> csv; // the new CSV files, whose roles are decided together
    for (const QString &path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        const bool known = std::any_of(m_state.files.begin(), m_state.files.end(),
                                       [&](const ImportFileEntry &f) { return f.path == absolute; });
        if (known) {
            continue;
        }
        // Reads at most the first bytes of the file (read-only preview, allowed on a wizard page).
        const ImportFormat detected = services::ImportService::detectFormat(absolute.toStdString());
        if (detected == ImportFormat::Csv) {
            csv.push_back(absolute);
        } else {
            m_state.files.push_back({absolute, ImportFileRole::JsonEvents});
            addRow(static_cast<int>(m_state.files.size()) - 1);
        }
    }
    const std::size_t fact = m_state.hasCsv() ? csv.size() : likelyFactFile(csv);
    for (std::size_t i = 0; i < csv.size(); ++i) {
        m_state.files.push_back({csv[i], i == fact ? ImportFileRole::CsvEvents : ImportFileRole::Lookup});
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
    combo->addItems({tr("Events: JSON lines"), tr("Events: CSV"), tr("Lookup: CSV joined to the events"),
                     tr("Profiles: CSV, one row per person")});
    combo->setCurrentIndex(roleIndex(entry.role));
    connect(combo, &QComboBox::currentIndexChanged, this, [this, combo](int index) {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            if (m_table->cellWidget(r, 1) == combo) {
                setRole(r, index);
            }
        }
    });
    m_table->setCellWidget(row, 1, combo);
}

void ImportFilesPage::setRole(int row, int index)
{
    if (row < 0 || row >= static_cast<int>(m_state.files.size()) || index < 0 || index >= static_cast<int>(std::size(kRoles))) {
        return;
    }
    m_state.files[static_cast<std::size_t>(row)].role = kRoles[index];
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
    // Lookups and profiles are read along with events; profiles alone are an import of their own.
    return m_state.hasCsv() || m_state.has(ImportFileRole::JsonEvents) || m_state.has(ImportFileRole::Profiles);
}

int ImportFilesPage::nextId() const
{
    if (!m_state.hasCsv()) {
        return ImportWizard::SummaryPageId;
    }
    return m_state.hasLookups() ? ImportWizard::JoinPageId : ImportWizard::MappingPageId;
}

} // namespace awb::ui
