// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/RecommendationOptions.h"

#include "cli/CliCommon.h"

namespace awb::cli {

void addRecommendationOptions(QCommandLineParser &parser)
{
    parser.addOption({opt("recs"),
                      opt("Also write each member's N recommended items (1-10) as columns rec_1_id, "
                          "rec_1_price, rec_1_<catalog column> ... (Mailchimp: Rec 1 ID ...). Not for meta "
                          "and google."),
                      opt("N")});
    parser.addOption({opt("rec-strategy"),
                      opt("blend (default: personal, else bestsellers), personal (collaborative filtering), "
                          "similar (items like their own, item-kNN) or bestsellers."),
                      opt("S")});
    parser.addOption(
        {opt("rec-filter"),
         opt("Only items whose catalog column has one of the values (repeatable; all must hold)."),
         opt("COLUMN=V1|V2")});
    parser.addOption(
        {opt("rec-price"), opt("Only items whose latest price is in the range."), opt("MIN-MAX")});
    parser.addOption({opt("rec-markdown"),
                      opt("Only items at least this far below the highest price seen for them."),
                      opt("PCT%")});
    parser.addOption(
        {opt("rec-exclude"),
         opt("Never recommend what the person bought, has in the cart, or both (default bought)."),
         opt("bought,cart|none")});
    parser.addOption(
        {opt("rec-active-days"),
         opt("Leave out items nobody engaged with in the last N days (default 90; 0 keeps all)."), opt("N")});
}

bool parseRecommendationOptions(const QCommandLineParser &parser, const char *command,
                                std::optional<services::RecommendationRequest> &out, int &exitCode)
{
    const bool any = parser.isSet(opt("recs")) || parser.isSet(opt("rec-strategy")) ||
                     parser.isSet(opt("rec-filter")) || parser.isSet(opt("rec-price")) ||
                     parser.isSet(opt("rec-markdown")) || parser.isSet(opt("rec-exclude")) ||
                     parser.isSet(opt("rec-active-days"));
    if (!any) {
        return true;
    }
    services::RecommendationRequest rec;
    auto check = [&](const Result<void> &ok) {
        if (!ok) {
            exitCode = printError(ok.error());
        }
        return static_cast<bool>(ok);
    };
    bool number = true;
    rec.count = parser.isSet(opt("recs")) ? parser.value(opt("recs")).toInt(&number) : rec.count;
    if (!number) {
        exitCode = usageError(command, "usage: --recs N (1 to 10)\n", "--recs takes a number of items");
        return false;
    }
    if (parser.isSet(opt("rec-strategy"))) {
        const auto strategy = services::parseRecStrategy(parser.value(opt("rec-strategy")).toStdString());
        if (!strategy) {
            exitCode = printError(strategy.error());
            return false;
        }
        rec.strategy = *strategy;
    }
    for (const QString &text : parser.values(opt("rec-filter"))) {
        const auto condition = services::parseItemCondition(text.toStdString());
        if (!condition) {
            exitCode = printError(condition.error());
            return false;
        }
        rec.conditions.push_back(*condition);
    }
    if ((parser.isSet(opt("rec-price")) &&
         !check(services::parsePriceRange(parser.value(opt("rec-price")).toStdString(), rec))) ||
        (parser.isSet(opt("rec-markdown")) &&
         !check(services::parseMarkdown(parser.value(opt("rec-markdown")).toStdString(), rec))) ||
        (parser.isSet(opt("rec-exclude")) &&
         !check(services::parseExclusions(parser.value(opt("rec-exclude")).toStdString(), rec)))) {
        return false;
    }
    if (parser.isSet(opt("rec-active-days"))) {
        rec.activeDays = parser.value(opt("rec-active-days")).toInt(&number);
        if (!number || rec.activeDays < 0) {
            exitCode = usageError(command, "usage: --rec-active-days N (0 keeps every item)\n",
                                  "--rec-active-days takes a number of days");
            return false;
        }
    }
    out = rec;
    return true;
}

} // namespace awb::cli
