// SPDX-License-Identifier: GPL-3.0-or-later
// Import wizard, step 3: runs the import in the background with progress and Cancel.
#pragma once

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace awb::ui {

class JobRunner;
struct ImportWizardState;

class ImportRunPage : public QWizardPage
{
    Q_OBJECT
public:
    ImportRunPage(ImportWizardState &state, QWidget *parent = nullptr);
    ~ImportRunPage() override;

    /// Starts the import of the wizard's spec (each visit from the previous page runs it again).
    void initializePage() override;
    /// Going back cancels a running import.
    void cleanupPage() override;
    bool isComplete() const override;

    bool isRunning() const;
    /// Asks the running import to stop; it rolls back and the page says so.
    void cancel();
    JobRunner &runner() { return *m_runner; }

signals:
    /// The import committed; the report is in the wizard state.
    void importSucceeded();
    /// The import ended without committing (cancelled or failed).
    void importStopped();

private:
    void onProgress(qint64 done, qint64 total, const QString &stage);
    void onFinished();
    void onStopped(const QString &message, bool isError);

    ImportWizardState &m_state;
    JobRunner *m_runner;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    bool m_done = false;
};

} // namespace awb::ui
