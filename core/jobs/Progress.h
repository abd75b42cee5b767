// SPDX-License-Identifier: GPL-3.0-or-later
// Progress reporting and cancellation for long core work.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace awb {

/// Receives progress from long-running core functions. Implementations must be thread-safe with respect
/// to the caller's thread: core calls these from a worker thread. Core calls isCancelled() at least every
/// few thousand rows and, when it returns true, rolls back and returns Error::Code::Cancelled.
class ProgressSink
{
public:
    virtual ~ProgressSink() = default;
    /// Total amount of work in arbitrary units (bytes for imports). 0 = unknown.
    virtual void setRange(std::int64_t total) = 0;
    /// Work done so far, in the units of setRange().
    virtual void setValue(std::int64_t done) = 0;
    /// A short human-readable name of the current step ("Reading file.jsonl").
    virtual void setStage(const std::string &stage) = 0;
    virtual bool isCancelled() const = 0;

    /// A sink that ignores progress and is never cancelled.
    static ProgressSink &null();
};

/// A sink whose cancel flag can be set from another thread; progress is stored atomically.
class CancelableProgress : public ProgressSink
{
public:
    void setRange(std::int64_t total) override { m_total = total; }
    void setValue(std::int64_t done) override { m_done = done; }
    void setStage(const std::string &) override {}
    bool isCancelled() const override { return m_cancelled.load(std::memory_order_relaxed); }

    void cancel() { m_cancelled = true; }
    std::int64_t total() const { return m_total; }
    std::int64_t done() const { return m_done; }

private:
    std::atomic_bool m_cancelled{false};
    std::atomic<std::int64_t> m_total{0};
    std::atomic<std::int64_t> m_done{0};
};

} // namespace awb
