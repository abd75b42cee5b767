// SPDX-License-Identifier: GPL-3.0-or-later
// Segment-spec JSON lines import: a reading thread parses batches of lines while the calling thread
// writes the previous batch into the workspace (the SQLite connection stays on the caller's thread).
#include "ingest/EventWriter.h"
#include "ingest/ImportReport.h"
#include "ingest/Importers.h"
#include "ingest/InputFile.h"
#include "ingest/JsonLinesParser.h"
#include "jobs/Progress.h"

#include <array>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace awb::ingest {

namespace {

/// Batches in flight: one being parsed, one being written, one waiting in between.
constexpr std::size_t kBatchCount = 3;

/// Two bounded queues (empty and filled batches) between the reading and the writing thread.
class BatchQueue
{
public:
    BatchQueue()
    {
        for (EventBatch &b : m_batches) {
            m_empty.push_back(&b);
        }
    }

    /// Reader side: an empty batch, or nullptr once stop() was called.
    EventBatch *takeEmpty() { return take(m_empty); }
    void putFilled(EventBatch *b) { put(m_filled, b); }
    /// Writer side: the next filled batch (blocks).
    EventBatch *takeFilled() { return take(m_filled); }
    void putEmpty(EventBatch *b) { put(m_empty, b); }

    void stop()
    {
        const std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }

private:
    EventBatch *take(std::deque<EventBatch *> &queue)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_stopped || !queue.empty(); });
        if (m_stopped) {
            return nullptr;
        }
        EventBatch *b = queue.front();
        queue.pop_front();
        return b;
    }
    void put(std::deque<EventBatch *> &queue, EventBatch *b)
    {
        const std::lock_guard lock(m_mutex);
        queue.push_back(b);
        m_changed.notify_all();
    }

    std::array<EventBatch, kBatchCount> m_batches;
    std::deque<EventBatch *> m_empty, m_filled;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stopped = false;
};

/// The reading thread; joined (after being told to stop) when the import returns, however it returns.
class ReadingThread
{
public:
    ReadingThread(InputFile &file, BatchQueue &queue) : m_queue(queue), m_thread([this, &file] { run(file); })
    {}
    ~ReadingThread()
    {
        m_queue.stop();
        m_thread.join();
    }
    ReadingThread(const ReadingThread &) = delete;
    ReadingThread &operator=(const ReadingThread &) = delete;

private:
    void run(InputFile &file)
    {
        LineReader reader(file);
        JsonLinesParser parser(reader.maxLineBytes());
        while (EventBatch *b = m_queue.takeEmpty()) {
            b->reset();
            fillBatch(reader, parser, file, *b);
            const bool last = b->last;
            m_queue.putFilled(b);
            if (last) {
                return;
            }
        }
    }

    BatchQueue &m_queue;
    std::thread m_thread;
};

void writeBatch(const EventBatch &b, const std::string &source, ImportContext &ctx)
{
    for (std::size_t i = 0; i < b.count; ++i) {
        if (ctx.writer.write(b.records[i]) == EventWriter::Outcome::Inserted) {
            ++ctx.report.imported;
        } else {
            ++ctx.report.duplicates;
        }
    }
    ctx.report.rowsRead += b.rowsRead;
    for (const EventBatch::Rejection &r : b.rejections) {
        ctx.report.reject(source, r.line, r.reason);
    }
}

} // namespace

Result<void> importJsonLines(InputFile &file, ImportContext &ctx)
{
    const std::string source = file.name();
    BatchQueue queue;
    const ReadingThread reading(file, queue);
    for (;;) {
        EventBatch *b = queue.takeFilled();
        if (b->error) {
            // The file became unreadable (e.g. corrupt compressed data): what was read before stays
            // imported and ImportService reports the file as rejected.
            try {
                std::rethrow_exception(b->error);
            } catch (const std::exception &e) {
                return fail(Error::Code::Io, source + ": " + e.what());
            }
        }
        writeBatch(*b, source, ctx);
        ctx.progress.setValue(ctx.progressBase + b->position);
        const bool last = b->last;
        queue.putEmpty(b);
        if (ctx.progress.isCancelled()) {
            return fail(Error::cancelled());
        }
        if (last) {
            return {};
        }
    }
}

} // namespace awb::ingest
