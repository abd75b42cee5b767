// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ImportJoinPage.h"

#include "common/Text.h"
#include "ingest/CsvJoinGuess.h"
#include "ingest/CsvPresets.h"
#include "models/DisplayFormat.h"
#include "models/StringTableModel.h"
#include "wizards/ImportCheckRunner.h"
#include "wizards/ImportWizard.h"
#include "wizards/ImportWizardState.h"
#include "wizards/PageWidgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QScrollBar>
#include <QLabel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace awb::ui {

namespace {

constexpr std::size_t kPreviewRows = 20;

enum Column
{
    NameColumn,
    FileColumn,
    KeyColumn,
    OnColumn,
    RequiredColumn,
};

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}


} // namespace

ImportJoinPage::ImportJoinPage(ImportWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_table(new QTableWidget(0, 5, this)), m_status(new QLabel(this)),
      m_error(new QLabel(this)), m_preview(new StringTableModel({}, this)), m_previewView(new QTableView(this)),
      m_check(new ImportCheckRunner(this))
{
    setObjectName(QStringLiteral("importJoinPage"));
    setTitle(tr("Join the lookup files"));
    setSubTitle(tr("Each lookup file is held in memory and joined to every row of the events file by a key "
                   "column. Its columns are offered on the next page as \"lookup.column\". A required lookup "
                   "rejects rows it has no match for; otherwise they are imported without its columns."));
    m_table->setObjectName(QStringLiteral("importJoinTable"));
    m_table->setHorizontalHeaderLabels({tr("Lookup"), tr("File"), tr("Key column"), tr("Joined on"), tr("Required")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    setUpErrorLabel(m_error, QStringLiteral("joinErrorLabel"));
    m_status->setObjectName(QStringLiteral("joinPreviewStatus"));
    m_status->setWordWrap(true);
    m_previewView->setObjectName(QStringLiteral("joinPreviewTable"));
    setUpPreviewTable(m_previewView, m_preview);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(m_previewView, 1);

    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() == NameColumn) {
            auto &lookup = m_state.mapping.lookups[static_cast<std::size_t>(item->row())];
            const std::string old = lookup.name;
            lookup.name = item->text().trimmed().toStdString();
            // Later lookups joined on this one's columns follow the new name.
            for (ingest::CsvLookup &l : m_state.mapping.lookups) {
                if (l.on.rfind(old + ".", 0) == 0) {
                    l.on = lookup.name + l.on.substr(old.size());
                }
            }
            QMetaObject::invokeMethod(this, [this] { rebuildTable(); edited(); }, Qt::QueuedConnection);
        }
    });
    connect(m_check, &ImportCheckRunner::checked, this, &ImportJoinPage::showPreview);
}

const std::vector<std::string> &ImportJoinPage::headerOf(const std::string &path)
{
    auto it = m_headers.find(path);
    if (it == m_headers.end()) {
        auto preview = ingest::previewCsv(path, m_state.mapping, 0); // the first line only
        it = m_headers.emplace(path, preview ? preview->header : std::vector<std::string>{}).first;
    }
    return it->second;
}

void ImportJoinPage::initializePage()
{
    m_headers.clear(); // the files (or the delimiter) may have changed since the last visit
    ingest::CsvMapping &m = m_state.mapping;
    m_factHeader = headerOf(m_state.firstCsv().toStdString());
    std::set<std::string> chosen;
    std::vector<ingest::LookupFile> added;
    for (const ImportFileEntry &f : m_state.files) {
        if (f.role != ImportFileRole::Lookup) {
            continue;
        }
        const std::string path = f.path.toStdString();
        chosen.insert(path);
        const bool joined = std::any_of(m.lookups.begin(), m.lookups.end(),
                                        [&](const ingest::CsvLookup &l) { return l.file == path; });
        if (!joined) {
            added.push_back({path, headerOf(path)});
        }
    }
    // A lookup added from the files page goes when its file is no longer a lookup there; one from a loaded
    // mapping stays.
    std::erase_if(m.lookups, [&](const ingest::CsvLookup &l) {
        return m_fromFilesPage.count(l.file) != 0 && chosen.count(l.file) == 0;
    });
    for (const ingest::LookupFile &f : added) {
        m_fromFilesPage.insert(f.path);
    }
    if (!added.empty()) {
        // Guessed against the events file and the lookups already joined.
        std::vector<std::string> available = m_factHeader;
        for (const ingest::CsvLookup &l : m.lookups) {
            for (const std::string &c : headerOf(l.file)) {
                available.push_back(l.name + "." + c);
            }
        }
        for (ingest::CsvLookup &l : ingest::guessLookups(available, added)) {
            l.required = false;
            m.lookups.push_back(std::move(l));
        }
    }
    rebuildTable();
    edited();
}

QStringList ImportJoinPage::columnsBefore(std::size_t lookup) const
{
    QStringList columns;
    for (const std::string &c : m_factHeader) {
        columns << q(c);
    }
    for (std::size_t i = 0; i < lookup && i < m_lookupHeaders.size(); ++i) {
        for (const std::string &c : m_lookupHeaders[i]) {
            columns << q(m_state.mapping.lookups[i].name + "." + c);
        }
    }
    return columns;
}

void ImportJoinPage::rebuildTable()
{
    const QSignalBlocker blocker(m_table);
    const auto &lookups = m_state.mapping.lookups;
    m_lookupHeaders.clear();
    for (const ingest::CsvLookup &l : lookups) {
        m_lookupHeaders.push_back(headerOf(l.file));
    }
    m_table->setRowCount(static_cast<int>(lookups.size()));
    for (std::size_t i = 0; i < lookups.size(); ++i) {
        const ingest::CsvLookup &l = lookups[i];
        const int row = static_cast<int>(i);
        m_table->setItem(row, NameColumn, new QTableWidgetItem(q(l.name)));
        auto *file = new QTableWidgetItem(QFileInfo(q(l.file)).fileName());
        file->setFlags(file->flags() & ~Qt::ItemIsEditable);
        file->setToolTip(q(l.file));
        m_table->setItem(row, FileColumn, file);

        auto combo = [&](const QString &objectName, const QStringList &choices, const std::string &current) {
            auto *c = new QComboBox(m_table);
            c->setObjectName(objectName);
            c->addItem(tr("(choose)"), QString());
            for (const QString &choice : choices) {
                c->addItem(choice, choice);
            }
            if (!current.empty() && c->findData(q(current)) < 0) {
                c->addItem(tr("%1 (not found)").arg(q(current)), q(current));
            }
            c->setCurrentIndex(qMax(0, c->findData(q(current))));
            return c;
        };
        QStringList keys;
        for (const std::string &c : m_lookupHeaders[i]) {
            keys << q(c);
        }
        QComboBox *key = combo(QStringLiteral("joinKeyCombo"), keys, l.key);
        QComboBox *on = combo(QStringLiteral("joinOnCombo"), columnsBefore(i), l.on);
        auto *required = new QCheckBox(m_table);
        required->setObjectName(QStringLiteral("joinRequiredCheck"));
        required->setChecked(l.required);
        required->setToolTip(tr("Reject an events row whose key this file does not have"));
        auto apply = [this, row, key, on, required] {
            setJoin(row, key->currentData().toString(), on->currentData().toString(), required->isChecked());
        };
        connect(key, &QComboBox::activated, this, apply);
        connect(on, &QComboBox::activated, this, apply);
        connect(required, &QCheckBox::toggled, this, apply);
        m_table->setCellWidget(row, KeyColumn, key);
        m_table->setCellWidget(row, OnColumn, on);
        m_table->setCellWidget(row, RequiredColumn, required);
    }
    // As tall as its rows (up to six; more scroll), so the preview below keeps the rest.
    m_table->resizeRowsToContents();
    int rows = 0;
    for (int r = 0; r < qMin(6, m_table->rowCount()); ++r) {
        rows += m_table->rowHeight(r);
    }
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + rows +
                            m_table->horizontalScrollBar()->sizeHint().height() + 2 * m_table->frameWidth());
}

void ImportJoinPage::setJoin(int row, const QString &key, const QString &on, bool required)
{
    auto &lookups = m_state.mapping.lookups;
    if (row < 0 || row >= static_cast<int>(lookups.size())) {
        return;
    }
    ingest::CsvLookup &l = lookups[static_cast<std::size_t>(row)];
    l.key = key.toStdString();
    l.on = on.toStdString();
    l.required = required;
    // The table is rebuilt after the signal that called this has returned (its combos are replaced).
    QMetaObject::invokeMethod(this, [this] { rebuildTable(); edited(); }, Qt::QueuedConnection);
}

void ImportJoinPage::edited()
{
    m_error->hide();
    m_status->setText(tr("Joining the first rows…"));
    m_check->check(m_state.firstCsv(), m_state.mapping, kPreviewRows);
}

void ImportJoinPage::showPreview()
{
    const auto &result = *m_check->last();
    if (!result) {
        m_preview->setTable({}, {});
        m_status->setText(tr("No preview: %1").arg(q(result.error().message)));
    } else {
        std::vector<QStringList> rows;
        for (const ingest::CsvCheckedRow &r : result->rows) {
            rows.push_back(toQStringList(r.cells));
        }
        m_preview->setTable(toQStringList(result->header), std::move(rows));
        fitPreviewColumns(m_previewView);
        QStringList held;
        for (const ingest::LookupReport &l : result->lookups) {
            QString line = tr("%1: %2 held").arg(q(l.name), format::plural(l.rows, tr("%1 row"), tr("%1 rows")));
            if (l.duplicateKeys > 0) {
                line += tr(", %1 with a key seen before (ignored)").arg(q(withThousands(l.duplicateKeys)));
            }
            held << line;
        }
        m_status->setText(tr("Joined preview: the first %1 of %2. %3.")
                              .arg(format::plural(static_cast<std::int64_t>(result->rows.size()), tr("%1 row"),
                                                  tr("%1 rows")),
                                   QFileInfo(m_state.firstCsv()).fileName(), held.join(QStringLiteral("; "))));
    }
    emit previewShown();
}

QString ImportJoinPage::problem() const
{
    std::set<std::string> names;
    for (const ingest::CsvLookup &l : m_state.mapping.lookups) {
        const QString file = QFileInfo(q(l.file)).fileName();
        if (l.name.empty() || l.name.find('.') != std::string::npos) {
            return tr("Give the lookup of %1 a name without dots.").arg(file);
        }
        if (!names.insert(l.name).second) {
            return tr("Two lookups are named \"%1\": give each its own name.").arg(q(l.name));
        }
        if (l.key.empty() || l.on.empty()) {
            return tr("Choose the key column of %1 and the column it is joined on.").arg(file);
        }
    }
    if (m_check->last() && !*m_check->last()) {
        return q(m_check->last()->error().message);
    }
    return {};
}

bool ImportJoinPage::validatePage()
{
    const QString message = problem();
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    return message.isEmpty();
}

int ImportJoinPage::nextId() const
{
    return ImportWizard::MappingPageId;
}

} // namespace awb::ui
