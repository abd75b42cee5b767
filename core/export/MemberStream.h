// SPDX-License-Identifier: GPL-3.0-or-later
// Reads an audience's members on a worker thread and hands them over in batches, so that reading
// (SQLite, JSON) and formatting and writing the CSV run on both cores.
#pragma once

#include "export/ExportPresets.h"

#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::exports {

class MemberStream
{
public:
    /// Starts reading at once. The caller must not use db until the stream is destroyed.
    MemberStream(store::Database &db, std::int64_t audienceId, const ExportPreset &preset);
    /// Stops the reader (when it has not finished) and waits for it.
    ~MemberStream();
    MemberStream(const MemberStream &) = delete;
    MemberStream &operator=(const MemberStream &) = delete;

    /// The next members in rank order, the caller's until the next call; empty at the end. Rethrows what
    /// the reader threw (store::StoreError) once the members read before it are handed over.
    std::span<MemberRecord> next();

private:
    struct Batch
    {
        std::vector<MemberRecord> members;
        std::size_t count = 0;
    };

    void run();

    store::Database &m_db;
    std::int64_t m_audienceId;
    const ExportPreset &m_preset;
    std::array<Batch, 3> m_batches;
    std::deque<Batch *> m_free;
    std::deque<Batch *> m_full;
    Batch *m_current = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stop = false;
    bool m_finished = false;
    std::exception_ptr m_error;
    std::thread m_thread; ///< last: started once everything above is ready
};

} // namespace awb::exports
