// SPDX-License-Identifier: GPL-3.0-or-later
// The open workspace: its browsing connection, its counts (a background job), sample generation, what other
// windows and processes commit to it (looked for every second), and whether another window has it open.
#pragma once

#include "common/Result.h"
#include "services/WorkspaceInfo.h"
#include "services/WorkspaceWatch.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

namespace awb::sample {
struct SampleSpec;
}
namespace awb::services {
class DataBrowserService;
}
class QLockFile;

namespace awb::ui {

class JobRunner;

class WorkspaceController : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceController(QObject *parent = nullptr);
    ~WorkspaceController() override;

    /// Checks path (migrating an older workspace), opens its browsing connection and starts counting.
    /// On failure the previous workspace stays open.
    Result<void> open(const QString &path);
    /// Creates a new empty workspace at path (replacing nothing: fails when the file exists) and opens it.
    Result<void> create(const QString &path);
    void close();
    bool isOpen() const { return m_browser != nullptr; }
    QString path() const { return m_path; }
    services::DataBrowserService *browser() const { return m_browser.get(); }

    /// Recounts in the background; infoUpdated() follows.
    void refreshInfo();
    /// Looks for changes committed by others now (they are also looked for every second); changed() follows
    /// when there are any.
    void checkForChanges();
    /// The process that had the workspace open in another window when it was opened here (this process's
    /// own id for another window of this app); 0 when none did.
    qint64 openElsewhereBy() const { return m_openElsewhereBy; }

    /// Counts of the last finished count job; nullopt while the first one runs.
    const std::optional<services::WorkspaceInfo> &info() const { return m_info; }

    /// Generates the sample store into path (replacing an existing file) as a background job, then opens
    /// it. Returns the job's runner (to follow its progress), or nullptr when a generation already runs.
    JobRunner *generateSample(const QString &path, const sample::SampleSpec &spec);
    JobRunner &sampleJob() { return *m_sampleJob; }

signals:
    void opened(const QString &path);
    void closed();
    void infoUpdated();
    /// Another window, another process or `awb` (or a job of this window) committed to the open workspace.
    void changed(const awb::services::WorkspaceChanges &changes);
    /// A background step failed (counting, generating).
    void failed(const awb::Error &error);

private:
    void onInfoFinished();
    /// Marks the workspace as open in this window; notes who else has it open.
    void lockOpenWorkspace();

    std::unique_ptr<services::DataBrowserService> m_browser;
    std::unique_ptr<services::WorkspaceWatch> m_watch;
    std::unique_ptr<QLockFile> m_lock;
    qint64 m_openElsewhereBy = 0;
    QTimer m_watchTimer;
    QString m_path;
    std::optional<services::WorkspaceInfo> m_info;
    JobRunner *m_infoJob;
    JobRunner *m_sampleJob;
    QString m_samplePath;
    bool m_infoPending = false;
};

} // namespace awb::ui
