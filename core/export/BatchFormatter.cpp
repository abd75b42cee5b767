// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/BatchFormatter.h"

#include "export/ConsentFilter.h"

#include <future>

namespace awb::exports {

struct BatchFormatter::Part
{
    explicit Part(const ExportPreset &preset) : traits(preset) {}

    TraitReader traits; ///< one per thread: it keeps parser state
    std::vector<std::string> cells;
    std::string rows;
    std::int64_t written = 0;
    std::map<std::string, std::int64_t> skipped;
    std::map<std::string, std::int64_t> included; ///< written although the filter had a concern
    std::int64_t consentUnknown = 0;

    void format(std::span<MemberRecord> members, const RowFormatter &formatter,
                const std::vector<CellKind> &kinds)
    {
        rows.clear();
        for (MemberRecord &m : members) {
            if (m.duplicate) {
                ++skipped[kMergedDuplicate];
                continue;
            }
            traits.read(m);
            if (const char *why = formatter.format(m, cells)) {
                ++skipped[why];
                continue;
            }
            CsvWriter::appendRow(rows, cells, kinds);
            ++written;
            if (const ConsentFilter *consent = formatter.consentFilter()) {
                if (const char *concern = consent->includesWithoutConsent() ? consent->concern(m) : nullptr) {
                    ++included[concern];
                } else if (consent->isConsentUnknown(m)) {
                    ++consentUnknown;
                }
            }
        }
    }
};

std::vector<CellKind> cellKinds(const ExportPreset &preset)
{
    std::vector<CellKind> kinds;
    for (const PresetColumn &c : preset.columns) {
        const bool built = c.hashed || c.format == Format::Number || c.format == Format::PhoneE164 ||
                           c.format == Format::PhoneDigits;
        kinds.push_back(built ? CellKind::Numeric : CellKind::Text);
    }
    return kinds;
}

BatchFormatter::BatchFormatter(const RowFormatter &formatter, int threads)
    : m_formatter(formatter), m_kinds(cellKinds(formatter.preset()))
{
    for (int i = 0; i < std::max(threads, 1); ++i) {
        m_parts.push_back(std::make_unique<Part>(formatter.preset()));
    }
}

BatchFormatter::~BatchFormatter() = default;

void BatchFormatter::format(std::span<MemberRecord> members, std::string &out)
{
    const std::size_t parts = m_parts.size();
    const std::size_t step = (members.size() + parts - 1) / parts;
    std::vector<std::future<void>> helpers;
    for (std::size_t p = 1; p < parts && p * step < members.size(); ++p) {
        const auto part = members.subspan(p * step, std::min(step, members.size() - p * step));
        helpers.push_back(std::async(std::launch::async,
                                     [this, p, part] { m_parts[p]->format(part, m_formatter, m_kinds); }));
    }
    m_parts[0]->format(members.first(std::min(step, members.size())), m_formatter, m_kinds);
    out.append(m_parts[0]->rows);
    for (std::size_t p = 0; p < helpers.size(); ++p) {
        helpers[p].get();
        out.append(m_parts[p + 1]->rows);
    }
}

std::int64_t BatchFormatter::written() const
{
    std::int64_t n = 0;
    for (const auto &part : m_parts) {
        n += part->written;
    }
    return n;
}

std::map<std::string, std::int64_t> BatchFormatter::skipped() const
{
    std::map<std::string, std::int64_t> all;
    for (const auto &part : m_parts) {
        for (const auto &[reason, count] : part->skipped) {
            all[reason] += count;
        }
    }
    return all;
}

std::map<std::string, std::int64_t> BatchFormatter::includedDespite() const
{
    std::map<std::string, std::int64_t> all;
    for (const auto &part : m_parts) {
        for (const auto &[reason, count] : part->included) {
            all[reason] += count;
        }
    }
    return all;
}

std::int64_t BatchFormatter::consentUnknown() const
{
    std::int64_t n = 0;
    for (const auto &part : m_parts) {
        n += part->consentUnknown;
    }
    return n;
}

} // namespace awb::exports
