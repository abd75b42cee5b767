// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import history…: the workspace's import runs (date, files, mapping, counts) with Remove, which
// takes a run's events back out after a confirmation, as a background job.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <QDialog>

#include "store/ImportRunRepository.h"

class QLabel;
class QPushButton;
class QTableView;

namespace awb::ui {

class JobRunner;
class StringTableModel;

class ImportHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportHistoryDialog(std::string workspacePath, QWidget *parent = nullptr);

    /// Reads the runs again (errors are shown in the dialog's status line).
    void reload();
    /// Asks (a modal box, "confirmRemoveRunBox") whether to remove the selected run, then removes it.
    void confirmRemoveSelected();
    /// Removes run id in the background; runRemoved follows, or an error box.
    void removeRun(std::int64_t id);

    const std::vector<store::ImportRun> &runs() const { return m_runs; }
    JobRunner &job() const { return *m_job; }

signals:
    void runRemoved(qint64 id);

private:
    void updateButtons();

    std::string m_path;
    std::vector<store::ImportRun> m_runs;
    StringTableModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
    QPushButton *m_remove;
    JobRunner *m_job;
    std::int64_t m_removing = 0; ///< the run the job removes
};

} // namespace awb::ui
