// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/ProfileRowReader.h"

#include "common/Text.h"

namespace awb::ingest {

ProfileRowReader::Column ProfileRowReader::column(std::size_t index, std::string_view header)
{
    const std::string name(trimmed(header));
    const std::optional<store::ProfileField> field = store::recogniseProfileField(name);
    return {index, name, field ? std::string(store::profileFieldKey(*field)) : name, field};
}

std::string ProfileRowReader::read(const CsvReader::Record &rec, std::vector<store::ProfileAttribute> &attributes,
                                   std::string &email) const
{
    attributes.clear();
    email.clear();
    for (const Column &c : m_columns) {
        const std::string_view value = c.index < rec.size() ? trimmed(rec.field(c.index)) : std::string_view();
        if (value.empty()) {
            continue;
        }
        if (c.field == store::ProfileField::Email) {
            email.assign(value);
        } else if (c.field == store::ProfileField::EmailConsent) {
            bool ok = true;
            const std::optional<bool> consent = store::parseConsent(value, ok);
            if (!ok) {
                return "bad consent \"" + std::string(value) + "\" in column \"" + c.header +
                       "\" (true/false, yes/no or 1/0)";
            }
            attributes.push_back({c.key, *consent ? "true" : "false"});
        } else {
            attributes.push_back({c.key, std::string(value)});
        }
    }
    return {};
}

} // namespace awb::ingest
