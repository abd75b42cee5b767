// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ImportMappingPage.h"

#include "ingest/CsvImportCheck.h"
#include "ingest/CsvPresets.h"
#include "ingest/Timestamp.h"
#include "ingest/TimestampDetect.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "models/StringTableModel.h"
#include "settings/Settings.h"
#include "wizards/CsvMappingForm.h"
#include "wizards/ImportCheckRunner.h"
#include "wizards/ImportWizard.h"
#include "wizards/ImportWizardState.h"
#include "wizards/PageWidgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace awb::ui {

namespace {

constexpr std::size_t kPreviewRows = 20;

struct Delimiter
{
    char character;
    const char *label;
};
constexpr Delimiter kDelimiters[] = {
    {',', QT_TRANSLATE_NOOP("awb::ui::ImportMappingPage", "Comma ( , )")},
    {';', QT_TRANSLATE_NOOP("awb::ui::ImportMappingPage", "Semicolon ( ; )")},
    {'\t', QT_TRANSLATE_NOOP("awb::ui::ImportMappingPage", "Tab")},
    {'|', QT_TRANSLATE_NOOP("awb::ui::ImportMappingPage", "Pipe ( | )")},
    {' ', QT_TRANSLATE_NOOP("awb::ui::ImportMappingPage", "Whitespace")},
};

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

bool isBlank(const ingest::CsvMapping &m)
{
    return m.preset.empty() && m.userIdColumn.empty() && m.anonymousIdColumn.empty() &&
           m.eventColumn.empty() && m.timestampColumn.empty() && m.productIdColumn.empty();
}

} // namespace

ImportMappingPage::ImportMappingPage(ImportWizardState &state, settings::Settings &settings, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_settings(settings), m_preset(new QComboBox(this)),
      m_delimiter(new QComboBox(this)), m_hasHeader(new QCheckBox(tr("First row is a header"), this)),
      m_load(new QPushButton(tr("Load mapping…"), this)), m_save(new QPushButton(tr("Save mapping…"), this)),
      m_form(new CsvMappingForm(this)), m_error(new QLabel(this)), m_previewStatus(new QLabel(this)),
      m_preview(new StringTableModel({}, this)), m_previewView(new QTableView(this)),
      m_check(new ImportCheckRunner(this))
{
    setObjectName(QStringLiteral("importMappingPage"));
    setTitle(tr("Map the CSV columns"));
    setSubTitle(tr("Pick a preset for a known layout, or say which column holds what. The preview reads the "
                   "first rows as the import will, and says which would be rejected and why."));
    setUpErrorLabel(m_error, QStringLiteral("mappingErrorLabel"));
    m_previewStatus->setObjectName(QStringLiteral("mappingPreviewStatus"));
    m_previewStatus->setWordWrap(true);
    m_previewView->setObjectName(QStringLiteral("mappingPreviewTable"));
    setUpPreviewTable(m_previewView, m_preview);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buildTopRow());
    layout->addWidget(m_form);
    layout->addWidget(m_error);
    layout->addWidget(m_previewStatus);
    layout->addWidget(m_previewView, 1);

    connect(m_form, &CsvMappingForm::edited, this, &ImportMappingPage::onFormEdited);
    connect(m_check, &ImportCheckRunner::checked, this, &ImportMappingPage::showCheckedRows);
    connect(m_preset, &QComboBox::activated, this,
            [this] { selectPreset(m_preset->currentData().toString()); });
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating) {
            m_state.mapping.delimiter = static_cast<char>(m_delimiter->currentData().toInt());
            refreshPreview();
            checkRows();
        }
    });
    connect(m_hasHeader, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_updating) {
            m_state.mapping.hasHeader = on;
            refreshPreview();
            checkRows();
        }
    });
    connect(m_load, &QPushButton::clicked, this, &ImportMappingPage::chooseAndLoad);
    connect(m_save, &QPushButton::clicked, this, &ImportMappingPage::chooseAndSave);
}

QLayout *ImportMappingPage::buildTopRow()
{
    m_preset->setObjectName(QStringLiteral("mappingPresetCombo"));
    m_preset->addItem(tr("Custom mapping"), QString());
    for (const std::string &name : ingest::csvPresetNames()) {
        m_preset->addItem(q(name), q(name));
        m_preset->setItemData(m_preset->count() - 1, q(ingest::csvPresetDescription(name)), Qt::ToolTipRole);
    }
    m_delimiter->setObjectName(QStringLiteral("mappingDelimiterCombo"));
    for (const Delimiter &d : kDelimiters) {
        m_delimiter->addItem(tr(d.label), QVariant::fromValue(static_cast<int>(d.character)));
    }
    m_hasHeader->setObjectName(QStringLiteral("mappingHeaderCheck"));
    m_load->setObjectName(QStringLiteral("mappingLoadButton"));
    m_save->setObjectName(QStringLiteral("mappingSaveButton"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Preset"), this));
    top->addWidget(m_preset);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Delimiter"), this));
    top->addWidget(m_delimiter);
    top->addWidget(m_hasHeader);
    top->addStretch(1);
    top->addWidget(m_load);
    top->addWidget(m_save);
    return top;
}

void ImportMappingPage::initializePage()
{
    const bool guess = isBlank(m_state.mapping);
    m_previewedFile = m_state.firstCsv();
    refreshPreview(); // the lookups may have changed on the join step
    if (guess) {
        // A file in a known layout (a Shopify orders export...) starts from its preset.
        if (auto preset = ingest::csvPreset(ingest::detectCsvPreset(m_previewedFile.toStdString()))) {
            preset->lookups = std::move(m_state.mapping.lookups);
            m_state.mapping = *preset;
            refreshPreview();
        } else {
            CsvMappingForm::guessColumns(m_columns, m_state.mapping);
        }
    }
    preselectTimestampFormat();
    showMapping();
    checkRows();
}

void ImportMappingPage::preselectTimestampFormat()
{
    m_ambiguousTimes.clear();
    m_timesDetectedFor = m_state.mapping.timestampColumn;
    const ingest::CsvMapping &m = m_state.mapping;
    if (!m.timestampFormat.empty() || m.timestampColumn.empty() || m_previewedFile.isEmpty()) {
        return;
    }
    // Reads the first rows of the column (or of the lookup file it belongs to); a file that cannot be read
    // is left to the preview's own message.
    const auto detected = ingest::detectCsvTimestampFormat(m_previewedFile.toStdString(), m);
    if (!detected) {
        return;
    }
    if (detected->outcome == ingest::TimestampDetection::Outcome::Detected) {
        m_state.mapping.timestampFormat = detected->format;
    } else if (detected->outcome == ingest::TimestampDetection::Outcome::Ambiguous) {
        QStringList choices;
        for (const std::string &c : detected->candidates) {
            choices << tr("%1 (%2)").arg(q(c), q(ingest::timestampFormatOrder(c)));
        }
        m_ambiguousTimes = tr("The times in column \"%1\" (e.g. \"%2\") can be read month first or day first. "
                              "Choose the time format: %3.")
                               .arg(q(m.timestampColumn), q(detected->example), choices.join(tr(" or ")));
    }
    m_error->setText(m_ambiguousTimes);
    m_error->setVisible(!m_ambiguousTimes.isEmpty());
}

int ImportMappingPage::nextId() const
{
    return ImportWizard::SummaryPageId;
}

void ImportMappingPage::selectPreset(const QString &name)
{
    if (name.isEmpty()) {
        m_state.mapping.preset.clear();
    } else if (auto preset = ingest::csvPreset(name.toStdString())) {
        // The files joined on the join step stay.
        preset->lookups = std::move(m_state.mapping.lookups);
        m_state.mapping = *preset;
    }
    refreshPreview();
    preselectTimestampFormat();
    showMapping();
    checkRows();
}

void ImportMappingPage::refreshPreview()
{
    m_columns.clear();
    m_previewOk = false;
    // Reads the first line of each file: the columns the pickers offer.
    auto header = ingest::joinedHeader(m_state.firstCsv().toStdString(), m_state.mapping);
    if (!header) {
        m_preview->setTable({}, {});
        m_previewStatus->setText(tr("No preview: %1").arg(q(header.error().message)));
    } else {
        m_columns = toQStringList(*header);
        m_previewOk = true;
    }
    m_form->setColumns(m_columns);
}

void ImportMappingPage::checkRows()
{
    if (!m_previewOk) {
        return;
    }
    m_previewStatus->setText(tr("Reading the first rows…"));
    m_check->check(m_state.firstCsv(), m_state.mapping, kPreviewRows);
}

void ImportMappingPage::showCheckedRows()
{
    const auto &result = *m_check->last();
    const QString file = QFileInfo(m_state.firstCsv()).fileName();
    if (!result) {
        m_preview->setTable({}, {});
        m_previewStatus->setText(tr("No preview: %1").arg(q(result.error().message)));
        emit previewShown();
        return;
    }
    // What the import makes of each row first, then the row as read (joined).
    QStringList headers = {tr("Line"), tr("Import"), tr("User"), tr("Event"), tr("Time (UTC)"), tr("Product"),
                           tr("Price"), tr("Order")};
    const int parsedColumns = static_cast<int>(headers.size());
    headers += toQStringList(result->header);
    std::vector<QStringList> rows;
    for (const ingest::CsvCheckedRow &r : result->rows) {
        QStringList cells = {QString::number(r.line)};
        if (!r.problem.empty()) {
            cells << tr("rejected: %1").arg(q(r.problem)) << QString() << QString() << QString() << QString()
                  << QString() << QString();
        } else if (!result->mappingProblem.empty()) {
            cells << QString() << QString() << QString() << QString() << QString() << QString() << QString();
        } else {
            cells << tr("yes") << q(r.userId.empty() ? r.anonymousId : r.userId) << q(r.event)
                  << QDateTime::fromMSecsSinceEpoch(r.timestampMs, QTimeZone::utc())
                         .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                  << q(r.productId) << (r.price ? QString::number(*r.price, 'f', 2) : QString()) << q(r.orderId);
        }
        cells += toQStringList(r.cells);
        rows.push_back(std::move(cells));
    }
    m_preview->setTable(headers, std::move(rows));
    fitPreviewColumns(m_previewView);
    for (int c = 0; c < parsedColumns; ++c) {
        m_previewView->horizontalHeader()->resizeSection(c, qMax(m_previewView->columnWidth(c), 48));
    }

    const auto rowCount = static_cast<std::int64_t>(result->rows.size());
    const QString first = tr("the first %1 of %2").arg(format::plural(rowCount, tr("%1 row"), tr("%1 rows")), file);
    if (!result->mappingProblem.empty()) {
        m_previewStatus->setText(tr("Preview of %1. The mapping cannot be applied: %2")
                                     .arg(first, q(result->mappingProblem)));
    } else if (result->rejected() == 0) {
        m_previewStatus->setText(tr("Preview of %1: every row would be imported.").arg(first));
    } else {
        const auto reasons = result->reasons();
        m_previewStatus->setText(tr("Preview of %1: %2 would be imported, %3 rejected. Most common reason: %4 (%5).")
                                     .arg(first, QString::number(rowCount - result->rejected()),
                                          QString::number(result->rejected()), q(reasons.front().first),
                                          format::plural(reasons.front().second, tr("%1 row"), tr("%1 rows"))));
    }
    m_state.previewSummary = m_previewStatus->text();
    emit previewShown();
}

void ImportMappingPage::showMapping()
{
    m_updating = true;
    const ingest::CsvMapping &m = m_state.mapping;
    m_preset->setCurrentIndex(qMax(0, m_preset->findData(q(m.preset))));
    m_delimiter->setCurrentIndex(qMax(0, m_delimiter->findData(static_cast<int>(m.delimiter))));
    m_hasHeader->setChecked(m.hasHeader);
    m_form->setMapping(m);
    m_updating = false;
}

void ImportMappingPage::onFormEdited()
{
    m_form->applyTo(m_state.mapping);
    // An edited preset becomes a custom mapping; it keeps the preset's other settings (order grouping...).
    m_state.mapping.preset.clear();
    const QSignalBlocker blocker(m_preset);
    m_preset->setCurrentIndex(0);
    m_error->hide();
    if (m_state.mapping.timestampColumn != m_timesDetectedFor) {
        preselectTimestampFormat();
        m_updating = true;
        m_form->setMapping(m_state.mapping);
        m_updating = false;
    }
    checkRows();
}

QString ImportMappingPage::problem() const
{
    const ingest::CsvMapping &m = m_state.mapping;
    if (m.userIdColumn.empty() && m.anonymousIdColumn.empty()) {
        return tr(
            "Choose the column holding the user ID or the anonymous ID: every event needs one of them.");
    }
    if (m.timestampColumn.empty()) {
        return tr("Choose the column holding the time of each event.");
    }
    if (m.eventColumn.empty() && m.fixedEvent.empty()) {
        return tr("Choose the column holding the event name, or type a fixed event name.");
    }
    if (m.timestampFormat.empty() && !m_ambiguousTimes.isEmpty()) {
        return m_ambiguousTimes;
    }
    if (const std::string bad = ingest::checkTimestampFormat(m.timestampFormat); !bad.empty()) {
        return tr("The time format is not usable: %1").arg(q(bad));
    }
    if (!m_previewOk) {
        return {};
    }
    for (const std::string &column : CsvMappingForm::mappedColumns(m)) {
        if (!m_columns.contains(q(column))) {
            return tr("Column \"%1\" is not in %2. Its columns are: %3.")
                .arg(q(column), QFileInfo(m_previewedFile).fileName(), m_columns.join(QStringLiteral(", ")));
        }
    }
    // The newest preview, when it is of this mapping (a check still running is not waited for).
    if (const auto &checked = m_check->last(); checked && *checked && !m_check->isRunning()) {
        const ingest::CsvCheck &c = **checked;
        if (!c.mappingProblem.empty()) {
            return q(c.mappingProblem);
        }
        if (!c.rows.empty() && c.rejected() == static_cast<std::int64_t>(c.rows.size())) {
            return tr("None of the first %1 would be imported: %2. Change the mapping before importing.")
                .arg(format::plural(c.rejected(), tr("%1 row"), tr("%1 rows")), q(c.reasons().front().first));
        }
    }
    return {};
}

bool ImportMappingPage::validatePage()
{
    const QString message = problem();
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    return message.isEmpty();
}

Result<void> ImportMappingPage::loadMapping(const QString &path)
{
    auto mapping = ingest::loadCsvMapping(path.toStdString());
    if (!mapping) {
        return fail(mapping.error());
    }
    m_state.mapping = std::move(mapping).value();
    refreshPreview();
    preselectTimestampFormat();
    showMapping();
    checkRows();
    return {};
}

Result<void> ImportMappingPage::saveMapping(const QString &path) const
{
    // The whole definition: the events file and the lookups, named relative to the mapping's folder, so
    // `awb import WS --mapping FILE` runs it and the folder can move.
    ingest::CsvMapping mapping = m_state.mapping;
    const QDir folder = QFileInfo(path).absoluteDir();
    auto relative = [&](const std::string &file) {
        return file.empty() ? file : folder.relativeFilePath(q(file)).toStdString();
    };
    mapping.factFile = relative(m_state.firstCsv().toStdString());
    for (ingest::CsvLookup &lookup : mapping.lookups) {
        lookup.file = relative(lookup.file);
    }
    QFile file(path);
    const std::string json = ingest::csvMappingToJson(mapping);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(json.data(), static_cast<qint64>(json.size())) != static_cast<qint64>(json.size())) {
        return fail(Error::Code::Io,
                    "Cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    }
    return {};
}

void ImportMappingPage::chooseAndLoad()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load CSV mapping"),
                                                      m_settings.value(settings::keys::LastMappingDirectory),
                                                      tr("Mapping (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    m_settings.setValue(settings::keys::LastMappingDirectory, QFileInfo(path).absolutePath());
    if (const Result<void> loaded = loadMapping(path); !loaded) {
        showError(this, loaded.error());
    }
}

void ImportMappingPage::chooseAndSave()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save CSV mapping"),
                                                      m_settings.value(settings::keys::LastMappingDirectory),
                                                      tr("Mapping (*.json)"));
    if (path.isEmpty()) {
        return;
    }
    m_settings.setValue(settings::keys::LastMappingDirectory, QFileInfo(path).absolutePath());
    if (const Result<void> saved = saveMapping(path); !saved) {
        showError(this, saved.error());
    }
}

} // namespace awb::ui
