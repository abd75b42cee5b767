// SPDX-License-Identifier: GPL-3.0-or-later
// The open workspace: its browsing connection, its counts (a background job) and sample generation.
#pragma once

#include "common/Result.h"
#include "services/WorkspaceInfo.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace awb::sample {
struct SampleSpec;
}
namespace awb::services {
class DataBrowserService;
}

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
    /// A background step failed (counting, generating).
    void failed(const awb::Error &error);

private:
    void onInfoFinished();

    std::unique_ptr<services::DataBrowserService> m_browser;
    QString m_path;
    std::optional<services::WorkspaceInfo> m_info;
    JobRunner *m_infoJob;
    JobRunner *m_sampleJob;
    QString m_samplePath;
    bool m_infoPending = false;
};

} // namespace awb::ui
