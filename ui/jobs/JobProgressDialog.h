// SPDX-License-Identifier: GPL-3.0-or-later
// A window-modal dialog showing a JobRunner's progress, with a Cancel button.
#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;

namespace awb::ui {

class JobRunner;

/// Follows one job of runner: shows its stage and progress, Cancel asks the job to stop. Closes itself
/// when the job ends (whatever the outcome) and deletes itself.
class JobProgressDialog : public QDialog
{
    Q_OBJECT
public:
    JobProgressDialog(JobRunner &runner, QWidget *parent);

    /// Opens window-modal and returns at once (no nested event loop).
    static JobProgressDialog *follow(JobRunner &runner, QWidget *parent);

protected:
    void reject() override;

private:
    void setProgress(qint64 done, qint64 total, const QString &stage);

    JobRunner &m_runner;
    QLabel *m_stage;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace awb::ui
