// SPDX-License-Identifier: GPL-3.0-or-later
// Asks where and how to export an audience: the tool's preset, the file, the generic preset's columns and
// the country completing national phone numbers.
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
    ExportDialog(const QString &audience, const QString &folder, QWidget *parent = nullptr);

    void setPreset(const QString &presetId);
    void setFile(const QString &path);
    /// The suggested file for an audience's export with a preset: "FOLDER/NAME - PRESET.csv", characters
    /// unsafe in file names replaced.
    static QString suggestedFile(const QString &folder, const QString &audience, const QString &preset);
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
