// SPDX-License-Identifier: GPL-3.0-or-later
// Asks where and how to export an audience: the tool's preset, the file, the generic preset's columns and
// the country completing national phone numbers, whether people who must not be contacted are included,
// and each member's recommended items. Also the one place the UI gets the export folder from, and asks before an empty file.
#pragma once

#include "services/ExportService.h"

#include <QDialog>

#include <functional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QMessageBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace awb::ui {

class RecommendationOptions;

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// Suggests a file in defaultFolder(); accepting remembers the chosen file's folder.
    explicit ExportDialog(const QString &audience, QWidget *parent = nullptr);

    void setPreset(const QString &presetId);
    void setFile(const QString &path);
    /// Checks "Include unsubscribed and non-consenting people" (off by default).
    void setIncludeWithoutConsent(bool include);
    /// The suggested file for an audience's export with a preset: "FOLDER/NAME - PRESET.csv", characters
    /// unsafe in file names replaced.
    static QString suggestedFile(const QString &folder, const QString &audience, const QString &preset);
    /// Where exports start: the last folder used, else the documents folder (settings::exportFolder).
    static QString defaultFolder();
    /// Remembers folder for the next export (and the next start of the application).
    static void rememberFolder(const QString &folder);
    /// The "Recommended items" section (none asked for by default).
    RecommendationOptions *recommendations() const { return m_recommendations; }
    /// The export the dialog describes (audience, preset, file, columns, default country, consent choice,
    /// recommended items),
    /// with writeEmptyFile false: the caller asks with askWriteEmpty() when nobody would be written.
    services::ExportRequest request() const;
    /// What the preset's consent rule leaves out, in a sentence ("People on the suppression list and ...");
    /// columns: the generic preset's (empty = its default ones).
    static QString consentRuleText(const QString &presetId, const std::vector<std::string> &columns = {});
    /// Asks (window-modal, returns at once) whether to write a file with no rows, telling why nobody was
    /// written (report of an export run with writeEmptyFile false). "Write empty file" calls write;
    /// Cancel does nothing. The box is "emptyExportBox", deleted on close.
    static QMessageBox *askWriteEmpty(QWidget *parent, const services::ExportReport &report,
                                      std::function<void()> write);

private:
    void onPresetChanged();
    /// Export is enabled with a file and valid recommendation filters.
    void updateExportButton();
    /// Grows the dialog to the height its notes need at its width.
    void fitHeight();

    QString m_audience;
    QString m_folder;
    QComboBox *m_preset;
    QLabel *m_description;
    QLineEdit *m_file;
    QLineEdit *m_columns;
    QLineEdit *m_country;
    QLabel *m_consentRule;
    QCheckBox *m_includeAll;
    QLabel *m_includeWarning;
    RecommendationOptions *m_recommendations;
    QPushButton *m_exportButton = nullptr;
};

} // namespace awb::ui
