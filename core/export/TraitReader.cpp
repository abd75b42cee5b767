// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/TraitReader.h"

#include "export/CsvWriter.h"
#include "store/ProfileFields.h"

#include <simdjson.h>

#include <charconv>

namespace awb::exports {

namespace {

using Path = std::vector<std::string_view>;

// The attributes are one flat object keyed as store/ProfileFields.h names them; the e-mail comes from
// profiles.email.
const std::vector<Path> kEmail = {{"email"}};
const std::vector<Path> kFirstName = {{"first_name"}};
const std::vector<Path> kLastName = {{"last_name"}};
const std::vector<Path> kPhone = {{"phone"}};
const std::vector<Path> kCity = {{"city"}};
const std::vector<Path> kState = {{"region"}};
const std::vector<Path> kZip = {{"postal_code"}};
const std::vector<Path> kCountry = {{"country"}};
const std::vector<Path> kEmailConsent = {{"email_consent"}};

// The value as text into out (reusing its capacity): strings as they are, numbers and booleans as written
// in JSON, objects and arrays as compact JSON.
void assignText(simdjson::dom::element e, std::string &out)
{
    switch (e.type()) {
    case simdjson::dom::element_type::STRING:
        out.assign(std::string_view(e.get_string().value_unsafe()));
        return;
    case simdjson::dom::element_type::INT64:
        out = std::to_string(e.get_int64().value_unsafe());
        return;
    case simdjson::dom::element_type::UINT64:
        out = std::to_string(e.get_uint64().value_unsafe());
        return;
    case simdjson::dom::element_type::DOUBLE: {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, e.get_double().value_unsafe());
        out.assign(buf, r.ptr);
        return;
    }
    case simdjson::dom::element_type::BOOL:
        out = e.get_bool().value_unsafe() ? "true" : "false";
        return;
    case simdjson::dom::element_type::NULL_VALUE:
        out.clear();
        return;
    default:
        out = simdjson::minify(e);
        return;
    }
}

} // namespace

struct TraitReader::Impl
{
    explicit Impl(const ExportPreset &preset)
        : m_email(preset.uses(Field::Email) || preset.uses(Field::ExternalIds)),
          m_firstName(preset.uses(Field::FirstName)), m_lastName(preset.uses(Field::LastName)),
          m_phone(preset.uses(Field::Phone)), m_city(preset.uses(Field::City)),
          m_state(preset.uses(Field::State)), m_zip(preset.uses(Field::Zip)),
          m_country(preset.uses(Field::Country) || m_phone || m_zip || m_state)
    {
        // A chosen attribute is looked up under its stored key: "Zip Code" or "address.postalCode" is
        // postal_code, any other name is the custom attribute of that name.
        for (const std::string &name : preset.traitPaths) {
            const std::optional<store::ProfileField> field = store::recogniseProfileField(name);
            m_traitKeys.push_back({field ? std::string(store::profileFieldKey(*field)) : name});
        }
    }

    /// Fills the trait fields of m from the JSON text (all empty when it is not a JSON object).
    void read(MemberRecord &m)
    {
        m_ok = parse(m.traitsJson);
        // Only the fields the preset uses are looked up; the others stay empty. The profiles.email
        // column, when set, wins over traits.email.
        if (!m_email || m.email.empty()) {
            find(m_email, kEmail, m.email);
        }
        find(m_firstName, kFirstName, m.firstName);
        find(m_lastName, kLastName, m.lastName);
        find(m_phone, kPhone, m.phone);
        find(m_city, kCity, m.city);
        find(m_state, kState, m.state);
        find(m_zip, kZip, m.zip);
        find(m_country, kCountry, m.country);
        find(true, kEmailConsent, m.emailConsent); // every export may need it (export/ConsentFilter.h)
        m.traits.resize(m_traitKeys.size());
        for (std::size_t i = 0; i < m_traitKeys.size(); ++i) {
            find(true, m_traitKeys[i], m.traits[i]);
        }
    }

    bool parse(std::string_view json)
    {
        if (json.empty()) {
            return false;
        }
        if (!m_parser.parse(json.data(), json.size()).get(m_doc) && m_doc.is_object()) {
            return true;
        }
        // simdjson rejects invalid UTF-8: repair it (U+FFFD) and parse again.
        const std::string repaired = CsvWriter::validUtf8(json);
        return !m_parser.parse(repaired.data(), repaired.size()).get(m_doc) && m_doc.is_object();
    }

    template <typename Key> bool lookup(const std::vector<Key> &path, simdjson::dom::element &e) const
    {
        e = m_doc;
        for (const Key &key : path) {
            simdjson::dom::object o;
            if (e.get_object().get(o) || o.at_key(key).get(e)) {
                return false;
            }
        }
        return !e.is_null();
    }

    // out = the first of paths present (not null), else empty; empty too when the field is not wanted.
    void find(bool wanted, const std::vector<Path> &paths, std::string &out) const
    {
        simdjson::dom::element e;
        if (wanted && m_ok) {
            for (const Path &path : paths) {
                if (lookup(path, e)) {
                    assignText(e, out);
                    return;
                }
            }
        }
        out.clear();
    }

    void find(bool wanted, const std::vector<std::string> &path, std::string &out) const
    {
        simdjson::dom::element e;
        if (wanted && m_ok && lookup(path, e)) {
            assignText(e, out);
        } else {
            out.clear();
        }
    }

    bool m_email, m_firstName, m_lastName, m_phone, m_city, m_state, m_zip, m_country;
    simdjson::dom::parser m_parser;
    simdjson::dom::element m_doc;
    bool m_ok = false;
    std::vector<std::vector<std::string>> m_traitKeys;
};

TraitReader::TraitReader(const ExportPreset &preset) : m_impl(std::make_unique<Impl>(preset)) {}

TraitReader::~TraitReader() = default;

void TraitReader::read(MemberRecord &member)
{
    m_impl->read(member);
}

} // namespace awb::exports
