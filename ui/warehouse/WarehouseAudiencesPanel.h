// SPDX-License-Identifier: GPL-3.0-or-later
// The recommendation audiences of a warehouse (warehouse mode): those created there, in the workspace's
// audience table; a form that creates one (target, size, control group), scored on the desktop from the
// catalog's interactions and written back, as a cancellable job with its stages; deleting one after asking;
// exporting one's members outside the control group as a preset's CSV. Every warehouse call runs off the UI
// thread.
#pragma once

#include <QWidget>

#include <functional>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace awb::ui {

class AudienceListModel;
class JobRunner;
class StatusLine;

class WarehouseAudiencesPanel : public QWidget
{
    Q_OBJECT
public:
    /// uri: the connection (with its password, kept in memory only).
    explicit WarehouseAudiencesPanel(std::string uri, QWidget *parent = nullptr);

    /// Reads the warehouse's audiences again (a job).
    void reload();
    /// Creates the audience the form describes (a job), then lists the audiences again.
    void createAudience();
    /// Asks before deleting the selected audience (a window-modal box, "confirmRemoveBox").
    void confirmRemove();

    AudienceListModel *model() const { return m_model; }
    bool isBusy() const;

signals:
    /// A job ended: done, failed or cancelled.
    void jobDone();

private:
    void exportAudience();
    void removeAudience(const QString &name);
    void onSelection();
    void setBusy(bool busy, const QString &what = {});
    QString selectedName() const;

    std::string m_uri;
    AudienceListModel *m_model;
    QTableView *m_table;
    QLineEdit *m_name;
    QLineEdit *m_target;
    QLineEdit *m_size;
    QLineEdit *m_control;
    QPushButton *m_create;
    QPushButton *m_remove;
    QComboBox *m_preset;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_stage;
    StatusLine *m_status;
    JobRunner *m_jobs;
    std::function<void()> m_onFinished; ///< what the running job's success leads to
};

} // namespace awb::ui
