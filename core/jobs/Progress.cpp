// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/Progress.h"

namespace awb {

namespace {
class NullProgress final : public ProgressSink
{
public:
    void setRange(std::int64_t) override {}
    void setValue(std::int64_t) override {}
    void setStage(const std::string &) override {}
    bool isCancelled() const override { return false; }
};
} // namespace

ProgressSink &ProgressSink::null()
{
    static NullProgress sink;
    return sink;
}

} // namespace awb
