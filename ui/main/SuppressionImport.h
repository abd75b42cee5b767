// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import suppression list…: asks for a CSV list and imports it into the open workspace as a job,
// then shows what was added (services::SuppressionService).
#pragma once

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace awb::ui {

class JobRunner;

class SuppressionImport : public QObject
{
    Q_OBJECT
public:
    /// window: parent of the file dialog, the progress dialog and the result message.
    explicit SuppressionImport(QWidget *window);

    /// The menu action ("importSuppressionAction"), enabled while a workspace is open.
    QAction *action() const { return m_action; }
    /// The workspace lists are imported into; empty = none (the action is disabled).
    void setWorkspace(const QString &path);
    /// Imports file as a job with a progress dialog. False when no workspace is open or a job runs.
    bool start(const QString &file);
    JobRunner &job() const { return *m_job; }

signals:
    /// The report of a finished import, as shown to the user.
    void imported(const QString &report);

private:
    void chooseFile();

    QWidget *m_window;
    QAction *m_action;
    JobRunner *m_job;
    QString m_path;
};

} // namespace awb::ui
