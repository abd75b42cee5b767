// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ImportCheckRunner.h"

#include "jobs/Progress.h"

#include <QtConcurrent/QtConcurrentRun>

namespace awb::ui {

ImportCheckRunner::ImportCheckRunner(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result<ingest::CsvCheck>>::finished, this, [this] {
        if (!m_pending) {
            m_last = m_watcher.result();
            m_delivered = m_running;
            emit checked();
        } else {
            start(); // a newer request came while this one ran: its result is stale
        }
    });
}

ImportCheckRunner::~ImportCheckRunner()
{
    if (m_progress) {
        m_progress->cancel();
    }
    m_watcher.waitForFinished();
}

void ImportCheckRunner::check(const QString &path, const ingest::CsvMapping &mapping, std::size_t rows)
{
    m_pending.emplace(path, mapping, rows);
    ++m_requested;
    if (m_watcher.isRunning()) {
        m_progress->cancel();
        return;
    }
    start();
}

void ImportCheckRunner::start()
{
    auto [path, mapping, rows] = std::move(*m_pending);
    m_pending.reset();
    m_running = m_requested;
    m_progress = std::make_shared<CancelableProgress>();
    m_watcher.setFuture(QtConcurrent::run(
        [path = path.toStdString(), mapping = std::move(mapping), rows, progress = m_progress] {
            return ingest::checkCsvImport(path, mapping, rows, *progress);
        }));
}

} // namespace awb::ui
