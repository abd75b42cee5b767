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

    /// Adds files not in the list yet, detecting each one's format.
    void addFiles(const QStringList &paths);
    /// Sets the format of the file in row (as the row's combo does).
    void setFormat(int row, int formatIndex);

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
