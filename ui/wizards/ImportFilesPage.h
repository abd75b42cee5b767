// SPDX-License-Identifier: GPL-3.0-or-later
// Import wizard, step 1: the files to import, each with its detected (editable) format.
#pragma once

#include <QWizardPage>

class QPushButton;
class QTableWidget;

namespace awb::settings {
class Settings;
}

namespace awb::ui {

struct ImportWizardState;

class ImportFilesPage : public QWizardPage
{
    Q_OBJECT
public:
    ImportFilesPage(ImportWizardState &state, settings::Settings &settings, QWidget *parent = nullptr);

    /// Adds files not in the list yet, guessing each one's role: JSON lines are events; of new CSV files
    /// one is the events file (unless there is one), the others lookups.
    void addFiles(const QStringList &paths);
    /// Sets the role of the file in row (as the row's combo does): 0 JSON events, 1 CSV events, 2 lookup,
    /// 3 profiles.
    void setRole(int row, int roleIndex);

    bool isComplete() const override;
    int nextId() const override;

private:
    void chooseFiles();
    void removeSelected();
    void addRow(int row);

    ImportWizardState &m_state;
    settings::Settings &m_settings;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace awb::ui
