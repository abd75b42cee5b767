// SPDX-License-Identifier: GPL-3.0-or-later
// CSV layouts that import cleanly into e-mail and ad tools, and how one audience member becomes a row.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace awb::exports {

class ConsentFilter;
struct RecommendationTable;

/// What a column shows about a member.
enum class Field
{
    UserId,
    AnonymousId, ///< the first anonymous id (sorted)
    Key,         ///< user id, else first anonymous id
    ExternalIds, ///< JSON object {"user_id", "anonymous_ids", "email"}
    Email,
    FirstName,
    LastName,
    Phone,
    City,
    State,
    Zip,
    Country,
    Score,
    Rank,
    Trait,       ///< any other trait, by its dotted path
    Recommended, ///< a field of one of the member's recommended items (RecommendationTable)
};

/// How the value is written.
enum class Format
{
    Text,        ///< trimmed as stored
    Email,       ///< trimmed, lower case (Meta and e-mail tools)
    EmailGoogle, ///< also without the dots of gmail.com local parts
    PhoneE164,   ///< +447700900123
    PhoneDigits, ///< 447700900123 (Meta)
    Name,        ///< Meta / Google normalised: lower-case letters only
    City,
    State,
    Zip,
    CountryLower, ///< ISO alpha-2 "gb"
    CountryUpper, ///< ISO alpha-2 "GB"
    Number,
    Json,
};

/// The identifier a row needs to be written.
enum class Requirement
{
    None,
    Email,
    EmailOrPhone,
    UserId,
    Key,
};

struct PresetColumn
{
    std::string header;
    Field field = Field::Trait;
    Format format = Format::Text;
    bool hashed = false; ///< SHA-256 of the formatted value (64-hex values pass through)
    int traitIndex = -1; ///< Field::Trait: index into ExportPreset::traitPaths
    int recSlot = -1;    ///< Field::Recommended: which item (0 = the best)
    int recField = -1;   ///< Field::Recommended: index into RecommendationTable::fields
};

struct ExportPreset
{
    std::string id;
    std::vector<PresetColumn> columns;
    Requirement requirement = Requirement::None;
    std::vector<std::string>
        traitPaths; ///< dotted trait paths of the Trait columns ("plan", "address.state")

    std::vector<std::string> header() const;
    bool uses(Field field) const;
};

struct PresetInfo
{
    std::string id;   ///< what files, settings and the command line use ("google-hashed")
    std::string name; ///< the product it is for, as the user knows it ("Google Customer Match (hashed)")
    std::string description; ///< one line on the layout
};

/// Every preset with its product name and a one-line description, in display order.
std::vector<PresetInfo> presetList();

/// The product name of the preset with that id ("Mailchimp"); the id itself when it is unknown (an export
/// recorded by another version).
std::string presetName(const std::string &id);

/// The generic preset's columns for a segment export (segments have no score or rank).
std::vector<std::string> segmentGenericColumns();

/// Columns the generic preset offers besides trait paths.
std::vector<std::string> genericColumnNames();

/// The preset with that id. columns: for "generic" only (empty = user_id, email, first_name, last_name,
/// score, rank); each is a name from genericColumnNames() or a trait path. InvalidInput for an unknown
/// preset or a bad column name.
Result<ExportPreset> makePreset(const std::string &id, const std::vector<std::string> &columns = {});

/// Whether the preset's tool takes columns besides identifiers (Meta's and Google's audience files do not).
bool presetTakesExtraColumns(const std::string &id);

/// Appends count x fields columns of recommended items (fields as RecommendationTable::fields: "id",
/// "price", catalog columns), named the way the preset's tool names merge fields and custom attributes:
/// Mailchimp "Rec 1 Name", the others rec_1_name. InvalidInput for Meta and Google, whose audience files
/// take identifiers only.
Result<void> addRecommendationColumns(ExportPreset &preset, int count,
                                      const std::vector<std::string> &fields);

/// One member as read from the workspace: raw values, UTF-8 as stored (possibly invalid).
struct MemberRecord
{
    std::int64_t rank = 0;
    double score = 0;
    std::int64_t profileId = 0;
    bool merged = false;    ///< the member's profile was merged into profileId after the snapshot
    bool duplicate = false; ///< profileId was read already for a better-ranked member (merges): skip it
    std::string userId;
    std::vector<std::string> anonymousIds;
    std::string
        traitsJson;    ///< the profile's attributes as one JSON object; TraitReader fills the fields below
    std::string email; ///< profiles.email, else traits.email
    std::string firstName;
    std::string lastName;
    std::string phone;
    std::string city;
    std::string state;
    std::string zip;
    std::string country;
    std::string emailConsent;        ///< the email_consent attribute: "true", "false", empty = unknown
    std::vector<std::string> traits; ///< aligned with ExportPreset::traitPaths
};

/// Turns members into the cells of a preset's rows.
class RowFormatter
{
public:
    /// defaultCountry: alpha-2 code (or name) whose calling code completes national phone numbers of
    /// profiles without a known country; empty = such numbers must already be international.
    RowFormatter(ExportPreset preset, const std::string &defaultCountry);

    const ExportPreset &preset() const { return m_preset; }
    /// Members the filter leaves out are not written (its reason is returned); nullptr = nobody is left
    /// out for consent. The filter must outlive the formatter.
    void setConsentFilter(const ConsentFilter *filter) { m_consent = filter; }
    const ConsentFilter *consentFilter() const { return m_consent; }
    /// Where the Recommended columns read from; must outlive the formatter (nullptr: they stay empty).
    void setRecommendations(const RecommendationTable *table) { m_recommendations = table; }
    /// Fills cells (one per column). Returns nullptr when the row may be written, else why not: it lacks
    /// the identifier the preset needs ("no valid email"), or the consent filter leaves it out
    /// ("unsubscribed", "declined e-mail").
    const char *format(const MemberRecord &member, std::vector<std::string> &cells) const;

private:
    void cell(const PresetColumn &column, const MemberRecord &member, const std::string &country,
              const std::string &callingCode, std::string &out) const;

    ExportPreset m_preset;
    std::string m_defaultCallingCode;
    bool m_needsCountry = false; ///< a column depends on the country (country, phone, zip, state)
    const ConsentFilter *m_consent = nullptr;
    const RecommendationTable *m_recommendations = nullptr;
};

} // namespace awb::exports
