// SPDX-License-Identifier: GPL-3.0-or-later
// Runs ingest::checkCsvImport in the background for the import wizard's preview (the lookups are read in
// full, which can take a while) and delivers only the newest request's result; a newer request cancels the
// older one.
#pragma once

#include "common/Result.h"
#include "ingest/CsvImportCheck.h"
#include "ingest/CsvMapping.h"

#include <QFutureWatcher>
#include <QObject>

#include <cstdint>
#include <memory>
#include <optional>
#include <tuple>

namespace awb {
class CancelableProgress;
}

namespace awb::ui {

class ImportCheckRunner : public QObject
{
    Q_OBJECT
public:
    explicit ImportCheckRunner(QObject *parent = nullptr);
    ~ImportCheckRunner() override;

    /// Checks the first rows of path through mapping; checked() follows unless a newer request comes.
    void check(const QString &path, const ingest::CsvMapping &mapping, std::size_t rows);
    bool isRunning() const { return m_watcher.isRunning(); }
    /// Whether the newest request's result has been delivered (checked() emitted for it).
    bool isDone() const { return m_delivered == m_requested; }
    /// The newest delivered result (nullopt before the first).
    const std::optional<Result<ingest::CsvCheck>> &last() const { return m_last; }

signals:
    void checked();

private:
    QFutureWatcher<Result<ingest::CsvCheck>> m_watcher;
    std::shared_ptr<CancelableProgress> m_progress;
    std::optional<Result<ingest::CsvCheck>> m_last;
    std::uint64_t m_requested = 0; ///< requests made
    std::uint64_t m_running = 0;   ///< the request the running check is for
    std::uint64_t m_delivered = 0; ///< the request whose result m_last holds
    // The newest request, started once the running one has finished or given up.
    std::optional<std::tuple<QString, ingest::CsvMapping, std::size_t>> m_pending;
    void start();
};

} // namespace awb::ui
