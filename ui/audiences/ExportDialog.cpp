// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/ExportDialog.h"

#include "audiences/RecommendationOptions.h"

#include "charts/ChartPalette.h"
#include "export/ConsentFilter.h"
#include "models/DisplayFormat.h"
#include "settings/ExportFolder.h"
#include "settings/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace awb::ui {

namespace {
const QString kGeneric = QStringLiteral("generic");
}

ExportDialog::ExportDialog(const QString &audience, QWidget *parent)
    : QDialog(parent), m_audience(audience), m_folder(defaultFolder()), m_preset(new QComboBox(this)),
      m_description(new QLabel(this)), m_file(new QLineEdit(this)), m_columns(new QLineEdit(this)),
      m_country(new QLineEdit(this)), m_consentRule(new QLabel(this)), m_includeAll(new QCheckBox(this)),
      m_includeWarning(new QLabel(this)), m_recommendations(new RecommendationOptions(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export %1").arg(audience));
    m_preset->setObjectName(QStringLiteral("exportPresetCombo"));
    for (const exports::PresetInfo &p : services::ExportService::presets()) {
        m_preset->addItem(QString::fromStdString(p.name), QString::fromStdString(p.id));
        m_preset->setItemData(m_preset->count() - 1, QString::fromStdString(p.description), Qt::ToolTipRole);
    }
    m_description->setObjectName(QStringLiteral("exportPresetDescription"));
    m_description->setWordWrap(true);
    m_description->setStyleSheet(QStringLiteral("color: %1;").arg(palette::mutedText().name()));
    m_file->setObjectName(QStringLiteral("exportFileEdit"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    m_columns->setObjectName(QStringLiteral("exportColumnsEdit"));
    m_columns->setPlaceholderText(tr("user_id, email, first_name, last_name, score, rank"));
    m_columns->setToolTip(tr("Generic CSV: comma-separated columns: %1, or any trait path (address.city)")
                              .arg(QString::fromStdString([] {
                                  std::string names;
                                  for (const std::string &n : exports::genericColumnNames()) {
                                      names += (names.empty() ? "" : ", ") + n;
                                  }
                                  return names;
                              }())));
    m_country->setObjectName(QStringLiteral("exportCountryEdit"));
    m_country->setPlaceholderText(tr("e.g. GB (optional)"));
    m_country->setMaxLength(40);
    m_country->setToolTip(tr("Completes national phone numbers of profiles without a known country"));

    m_consentRule->setObjectName(QStringLiteral("exportConsentRule"));
    m_consentRule->setWordWrap(true);
    m_consentRule->setStyleSheet(QStringLiteral("color: %1;").arg(palette::mutedText().name()));
    m_includeAll->setObjectName(QStringLiteral("exportIncludeUnconsentedCheck"));
    m_includeAll->setText(tr("Include unsubscribed, bounced and non-consenting people"));
    m_includeWarning->setObjectName(QStringLiteral("exportIncludeWarning"));
    m_includeWarning->setWordWrap(true);
    m_includeWarning->setText(
        tr("They asked not to be contacted or their address no longer works. Writing them can break "
           "e-mail law (GDPR, CAN-SPAM) and hurts your sender reputation. The choice is recorded in the "
           "export history."));
    m_includeWarning->setStyleSheet(
        QStringLiteral("color: %1; background: #fef2f2; border: 1px solid #fca5a5; padding: 4px;")
            .arg(palette::error().name()));
    m_includeWarning->setVisible(false);
    connect(m_includeAll, &QCheckBox::toggled, this, [this](bool include) {
        m_includeWarning->setVisible(include);
        fitHeight();
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Destination"), m_preset);
    form->addRow(QString(), m_description);
    form->addRow(tr("File"), fileRow);
    form->addRow(tr("Columns"), m_columns);
    form->addRow(tr("Default country"), m_country);
    form->addRow(tr("Consent"), m_consentRule);
    form->addRow(QString(), m_includeAll);
    form->addRow(QString(), m_includeWarning);
    auto *recHeading = new QLabel(tr("<b>Recommended items</b>"), this);
    form->addRow(recHeading);
    form->addRow(m_recommendations);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_exportButton = buttons->button(QDialogButtonBox::Ok);
    m_exportButton->setText(tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
    fitHeight();

    connect(m_preset, &QComboBox::currentIndexChanged, this, &ExportDialog::onPresetChanged);
    connect(m_columns, &QLineEdit::textChanged, this, [this] {
        m_consentRule->setText(consentRuleText(m_preset->currentData().toString(), request().columns));
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_file->text(),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty()) {
            m_file->setText(path);
        }
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(this, &QDialog::accepted, this,
            [this] { rememberFolder(QFileInfo(m_file->text().trimmed()).absolutePath()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_file, &QLineEdit::textChanged, this, &ExportDialog::updateExportButton);
    connect(m_recommendations, &RecommendationOptions::changed, this, [this] {
        updateExportButton();
        fitHeight();
    });
    onPresetChanged();
}

void ExportDialog::updateExportButton()
{
    if (m_exportButton) {
        m_exportButton->setEnabled(!m_file->text().trimmed().isEmpty() && m_recommendations->error().isEmpty());
    }
}

void ExportDialog::fitHeight()
{
    // Word-wrapped notes need the height for the dialog's width, which sizeHint() does not give.
    layout()->activate();
    const int needed =
        layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (needed > height()) {
        resize(width(), needed);
    }
}

void ExportDialog::onPresetChanged()
{
    const QString preset = m_preset->currentData().toString();
    m_description->setText(m_preset->currentData(Qt::ToolTipRole).toString());
    m_columns->setEnabled(preset == kGeneric);
    m_consentRule->setText(consentRuleText(preset, request().columns));
    m_recommendations->setPresetTakesItems(exports::presetTakesExtraColumns(preset.toStdString()),
                                           m_preset->currentText());
    // Follow the preset in the suggested file name until the user types their own.
    const QString suggested = suggestedFile(m_folder, m_audience, preset);
    if (m_file->text().isEmpty() || m_file->property("suggested").toString() == m_file->text()) {
        m_file->setText(suggested);
        m_file->setProperty("suggested", suggested);
    }
}

QString ExportDialog::suggestedFile(const QString &folder, const QString &audience, const QString &preset)
{
    QString base = audience;
    base.replace(QRegularExpression(QStringLiteral("[^\\w .-]")), QStringLiteral("_"));
    return QDir(folder).filePath(QStringLiteral("%1 - %2.csv").arg(base, preset));
}

// The application's settings store, opened where needed: QSettings objects on one store share their
// state within the process, so this reads and writes what the main window's settings do, and the widgets
// that export (audience builder and detail, segment builder) need no settings handed through their areas.
QString ExportDialog::defaultFolder()
{
    const settings::Settings store;
    return settings::exportFolder(store);
}

void ExportDialog::rememberFolder(const QString &folder)
{
    settings::Settings store;
    settings::rememberExportFolder(store, folder);
}

void ExportDialog::setPreset(const QString &presetId)
{
    m_preset->setCurrentIndex(qMax(0, m_preset->findData(presetId)));
}

void ExportDialog::setFile(const QString &path)
{
    m_file->setText(path);
}

void ExportDialog::setIncludeWithoutConsent(bool include)
{
    m_includeAll->setChecked(include);
}

QString ExportDialog::consentRuleText(const QString &presetId, const std::vector<std::string> &columns)
{
    // The generic preset's rule depends on its columns (the default ones carry an e-mail column); columns
    // not valid yet (while typing) read as the default ones.
    auto preset = exports::makePreset(presetId.toStdString(), columns);
    if (!preset) {
        preset = exports::makePreset(presetId.toStdString());
    }
    switch (preset ? exports::consentRule(*preset) : exports::ConsentRule::None) {
    case exports::ConsentRule::Email:
        return tr("People on the suppression list and people who declined e-mail are left out; unknown "
                  "consent is written and counted.");
    case exports::ConsentRule::Suppressed:
        return tr("People on the suppression list are left out (e-mail consent does not apply to ad "
                  "matching).");
    case exports::ConsentRule::None:
        break;
    }
    return tr("An identity file: nobody is left out for consent.");
}

QMessageBox *ExportDialog::askWriteEmpty(QWidget *parent, const services::ExportReport &report,
                                         std::function<void()> write)
{
    QStringList why;
    for (const auto &[reason, count] : report.skippedByReason) {
        why << QStringLiteral("%1 %2").arg(format::count(count), QString::fromStdString(reason));
    }
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Nobody to export"),
        tr("No row would be written: none of the %1 members can be exported with "
           "%2.")
            .arg(format::count(report.members), QString::fromStdString(exports::presetName(report.preset))),
        QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("emptyExportBox"));
    box->setInformativeText(why.isEmpty() ? QString()
                                          : tr("Left out: %1.").arg(why.join(QStringLiteral(", "))));
    QPushButton *writeButton = box->addButton(tr("Write empty file"), QMessageBox::AcceptRole);
    writeButton->setObjectName(QStringLiteral("writeEmptyButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QObject::connect(box, &QMessageBox::buttonClicked, box, [writeButton, write](QAbstractButton *clicked) {
        if (clicked == writeButton) {
            write();
        }
    });
    box->open();
    return box;
}

services::ExportRequest ExportDialog::request() const
{
    services::ExportRequest r;
    r.audience = m_audience.toStdString();
    r.preset = m_preset->currentData().toString().toStdString();
    r.outFile = m_file->text().trimmed().toStdString();
    if (m_columns->isEnabled()) {
        for (const QString &c : m_columns->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            r.columns.push_back(c.trimmed().toStdString());
        }
    }
    r.defaultCountry = m_country->text().trimmed().toStdString();
    r.includeWithoutConsent = m_includeAll->isChecked();
    r.writeEmptyFile = false;
    r.recommendations = m_recommendations->request();
    return r;
}

} // namespace awb::ui
