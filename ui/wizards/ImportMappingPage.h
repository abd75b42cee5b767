// SPDX-License-Identifier: GPL-3.0-or-later
// Import wizard, step 2 (CSV only): how the CSV columns map onto events, with a preview of the first rows.
#pragma once

#include "common/Result.h"

#include <string>

#include <QStringList>
#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace awb::settings {
class Settings;
}

namespace awb::ui {

class CsvMappingForm;
class ImportCheckRunner;
class StringTableModel;
struct ImportWizardState;

class ImportMappingPage : public QWizardPage
{
    Q_OBJECT
public:
    ImportMappingPage(ImportWizardState &state, settings::Settings &settings, QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override {}
    /// Refuses a mapping without a user / anonymous id column, a timestamp column or an event name, naming
    /// a column the file does not have, or whose preview rejects every row, with a message on the page.
    bool validatePage() override;
    int nextId() const override;

    /// Selects a built-in preset by name ("" = a custom mapping).
    void selectPreset(const QString &name);
    /// Reads a mapping JSON file (the format of csvMappingToJson) into the page.
    Result<void> loadMapping(const QString &path);
    Result<void> saveMapping(const QString &path) const;
    /// Why validatePage() would refuse the current mapping, or empty.
    QString problem() const;
    ImportCheckRunner &preview() const { return *m_check; }

signals:
    /// The preview of the mapped rows (or why there is none) is shown.
    void previewShown();

private:
    QLayout *buildTopRow();
    /// Reads the columns (the events file's and the lookups') and starts checking the first rows.
    void refreshPreview();
    void checkRows();
    void showCheckedRows();
    /// When the mapping leaves the time format to detection, sets the format the file's times are written
    /// in, or notes (and shows) that they could be month first or day first.
    void preselectTimestampFormat();
    void showMapping();
    void onFormEdited();
    void chooseAndLoad();
    void chooseAndSave();

    ImportWizardState &m_state;
    settings::Settings &m_settings;
    QStringList m_columns; ///< header of the previewed file
    bool m_previewOk = false;
    bool m_updating = false;
    QString m_previewedFile;
    std::string m_timesDetectedFor; ///< the timestamp column preselectTimestampFormat() last looked at
    QString m_ambiguousTimes;       ///< why the time format must be chosen, or empty

    QComboBox *m_preset;
    QComboBox *m_delimiter;
    QCheckBox *m_hasHeader;
    QPushButton *m_load;
    QPushButton *m_save;
    CsvMappingForm *m_form;
    QLabel *m_error;
    QLabel *m_previewStatus;
    StringTableModel *m_preview;
    QTableView *m_previewView;
    ImportCheckRunner *m_check;
};

} // namespace awb::ui
