// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/ExportDialog.h"

#include "charts/ChartPalette.h"
#include "settings/ExportFolder.h"
#include "settings/Settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
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
      m_country(new QLineEdit(this))
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

    auto *form = new QFormLayout;
    form->addRow(tr("Destination"), m_preset);
    form->addRow(QString(), m_description);
    form->addRow(tr("File"), fileRow);
    form->addRow(tr("Columns"), m_columns);
    form->addRow(tr("Default country"), m_country);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());

    connect(m_preset, &QComboBox::currentIndexChanged, this, &ExportDialog::onPresetChanged);
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
    connect(m_file, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_file->text().trimmed().isEmpty());
    });
    onPresetChanged();
}

void ExportDialog::onPresetChanged()
{
    const QString preset = m_preset->currentData().toString();
    m_description->setText(m_preset->currentData(Qt::ToolTipRole).toString());
    m_columns->setEnabled(preset == kGeneric);
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
    return r;
}

} // namespace awb::ui
