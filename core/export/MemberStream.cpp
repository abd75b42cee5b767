// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/MemberStream.h"

#include "export/MemberReader.h"

namespace awb::exports {

namespace {
constexpr std::size_t kBatchSize = 4096;
}

MemberStream::MemberStream(store::Database &db, std::int64_t audienceId, const ExportPreset &preset)
    : m_db(db), m_audienceId(audienceId), m_preset(preset)
{
    for (Batch &b : m_batches) {
        b.members.resize(kBatchSize);
        m_free.push_back(&b);
    }
    m_thread = std::thread([this] { run(); });
}

MemberStream::~MemberStream()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void MemberStream::run()
{
    try {
        MemberReader reader(m_db, m_audienceId, m_preset);
        while (true) {
            Batch *batch = nullptr;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return m_stop || !m_free.empty(); });
                if (m_stop) {
                    return;
                }
                batch = m_free.front();
                m_free.pop_front();
            }
            batch->count = 0;
            while (batch->count < kBatchSize && reader.next(batch->members[batch->count])) {
                ++batch->count;
            }
            const bool end = batch->count < kBatchSize;
            {
                std::lock_guard lock(m_mutex);
                m_full.push_back(batch);
                m_finished = end;
            }
            m_changed.notify_all();
            if (end) {
                return;
            }
        }
    } catch (...) {
        std::lock_guard lock(m_mutex);
        m_error = std::current_exception();
        m_finished = true;
        m_changed.notify_all();
    }
}

std::span<MemberRecord> MemberStream::next()
{
    std::unique_lock lock(m_mutex);
    if (m_current) {
        m_free.push_back(m_current);
        m_current = nullptr;
        m_changed.notify_all();
    }
    m_changed.wait(lock, [this] { return !m_full.empty() || m_finished; });
    if (!m_full.empty()) {
        m_current = m_full.front();
        m_full.pop_front();
        return {m_current->members.data(), m_current->count};
    }
    if (m_error) {
        std::rethrow_exception(m_error);
    }
    return {};
}

} // namespace awb::exports
