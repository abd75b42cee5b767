// SPDX-License-Identifier: GPL-3.0-or-later
// Asks where and how to export an audience: the tool's preset, the file, the generic preset's columns and
// the country completing national phone numbers. Also the one place the UI gets the export folder from.
#pragma once

#include "services/ExportService.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace awb::ui {

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// Suggests a file in defaultFolder(); accepting remembers the chosen file's folder.
    explicit ExportDialog(const QString &audience, QWidget *parent = nullptr);

    void setPreset(const QString &presetId);
    void setFile(const QString &path);
    /// The suggested file for an audience's export with a preset: "FOLDER/NAME - PRESET.csv", characters
    /// unsafe in file names replaced.
    static QString suggestedFile(const QString &folder, const QString &audience, const QString &preset);
    /// Where exports start: the last folder used, else the documents folder (settings::exportFolder).
    static QString defaultFolder();
    /// Remembers folder for the next export (and the next start of the application).
    static void rememberFolder(const QString &folder);
    /// The export the dialog describes (audience, preset, file, columns, default country).
    services::ExportRequest request() const;

private:
    void onPresetChanged();

    QString m_audience;
    QString m_folder;
    QComboBox *m_preset;
    QLabel *m_description;
    QLineEdit *m_file;
    QLineEdit *m_columns;
    QLineEdit *m_country;
};

} // namespace awb::ui
