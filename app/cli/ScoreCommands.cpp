// SPDX-License-Identifier: GPL-3.0-or-later
// awb score and awb evaluate.
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "ingest/Timestamp.h"
#include "services/ScoringService.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>

namespace awb::cli {

namespace {

void addTargetOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("The .awb workspace file."));
    parser.addOption({QStringLiteral("target"), QStringLiteral("A catalog column value, COLUMN=VALUE."),
                      QStringLiteral("COLUMN=VALUE")});
    parser.addOption({QStringLiteral("product"), QStringLiteral("One product id."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("as-of"), QStringLiteral("Pretend now is DATE (everything after is unseen)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("horizon"), QStringLiteral("Prediction window, e.g. 30d (default)."),
                      QStringLiteral("DAYS"), QStringLiteral("30d")});
}



std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string qualityTable(const std::vector<numeric::Quality> &rows)
{
    std::string s = "  " + std::string("score") + std::string(18, ' ') +
                    "AUC     AP      P@5%    lift@1% lift@5% lift@20% gain@20% Brier   ECE     label\n";
    for (const numeric::Quality &q : rows) {
        std::string name = q.name;
        name.resize(22, ' ');
        s += "  " + name + " " + fixed(q.auc, 3) + "   " + fixed(q.averagePrecision, 3) + "   " +
             fixed(q.at(0.05).precision, 3) + "   " + fixed(q.at(0.01).lift, 2) + "    " + fixed(q.at(0.05).lift, 2) +
             "    " + fixed(q.at(0.20).lift, 2) + "     " + fixed(q.at(0.20).gain, 3) + "    " + fixed(q.brier, 4) +
             "  " + fixed(q.ece, 4) + "  " + q.label + "\n";
    }
    return s;
}

// Common option handling; returns false with exitCode set on a usage error.
bool readCommon(const QCommandLineParser &parser, std::optional<std::int64_t> &asOf, std::int64_t &horizon,
                int &exitCode)
{
    if (!parseHorizon(parser.value(QStringLiteral("horizon")), horizon)) {
        std::fprintf(stderr, "awb: bad --horizon '%s' (expected days, e.g. 30d)\n",
                     qPrintable(parser.value(QStringLiteral("horizon"))));
        exitCode = kExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("as-of"))) {
        const auto t = ingest::parseTimestamp(parser.value(QStringLiteral("as-of")).toStdString());
        if (!t) {
            std::fprintf(stderr, "awb: bad --as-of '%s' (expected a date such as 2011-10-01)\n",
                         qPrintable(parser.value(QStringLiteral("as-of"))));
            exitCode = kExitUsage;
            return false;
        }
        asOf = *t;
    }
    return true;
}

} // namespace

int runScore(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Score every profile with the calibrated probability of engaging with a target within the horizon.\n"
        "Writes user,score (highest first) and prints the backtest quality."));
    addTargetOptions(parser);
    parser.addOption({QStringLiteral("out"), QStringLiteral("CSV file to write."), QStringLiteral("FILE")});
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("score"), args, exitCode)) {
        return exitCode;
    }
    services::ScoreRequest request;
    if (parser.positionalArguments().size() != 1 || !parseTarget(parser, request.target) ||
        !parser.isSet(QStringLiteral("out"))) {
        std::fputs("awb score: expected WORKSPACE (--target COLUMN=VALUE | --product ID) --out FILE.csv\n", stderr);
        return kExitUsage;
    }
    if (!readCommon(parser, request.asOfMs, request.horizonMs, exitCode)) {
        return exitCode;
    }
    TerminalProgress progress;
    const auto result =
        services::ScoringService(parser.positionalArguments().first().toStdString()).score(request, progress);
    if (!result) {
        return printError(result.error());
    }
    QSaveFile out(parser.value(QStringLiteral("out")));
    if (!out.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "awb score: cannot write %s\n", qPrintable(out.fileName()));
        return kExitFailure;
    }
    out.write("user,score\n");
    for (const services::ScoredProfile &p : result->ranked) {
        QByteArray key = QByteArray::fromStdString(p.key);
        if (key.contains(',') || key.contains('"') || key.contains('\n')) {
            key = '"' + key.replace("\"", "\"\"") + '"';
        }
        out.write(key + ',' + QByteArray::number(p.probability, 'g', 6) + '\n');
    }
    if (!out.commit()) {
        std::fprintf(stderr, "awb score: cannot write %s\n", qPrintable(out.fileName()));
        return kExitFailure;
    }
    std::string s = "target: " + result->target + ", now: " + ingest::formatTimestamp(result->nowMs) + ", " +
                    std::to_string(result->ranked.size()) + " profiles scored\n";
    if (!result->note.empty()) {
        s += "note: " + result->note + "\n";
    }
    s += "backtest (features before now - horizon, engagements in the last horizon):\n" + qualityTable(result->backtest);
    printOut(s);
    return kExitOk;
}

int runEvaluate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Score targets as of a date and measure the model and its baselines against what really happened."));
    addTargetOptions(parser);
    parser.addOption({QStringLiteral("top-values"), QStringLiteral("The N values of COLUMN with most engaged people "
                                                                   "in the horizon after --as-of."),
                      QStringLiteral("COLUMN:N")});
    parser.addOption({QStringLiteral("top-products"), QStringLiteral("The N products with most engaged people."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("min-engaged"),
                      QStringLiteral("Leave out targets with fewer engaged people in the horizon (default 1)."),
                      QStringLiteral("N"), QStringLiteral("1")});
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("evaluate"), args, exitCode)) {
        return exitCode;
    }
    std::optional<std::int64_t> asOf;
    std::int64_t horizon = 0;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("as-of"))) {
        std::fputs("awb evaluate: expected WORKSPACE --as-of DATE and a target choice\n", stderr);
        return kExitUsage;
    }
    if (!readCommon(parser, asOf, horizon, exitCode)) {
        return exitCode;
    }
    services::ScoringService service(parser.positionalArguments().first().toStdString());
    std::vector<model::Target> targets;
    if (parser.isSet(QStringLiteral("top-values"))) {
        const QStringList parts = parser.value(QStringLiteral("top-values")).split(QLatin1Char(':'));
        auto top = service.topValues(parts.value(0).toStdString(), parts.value(1, QStringLiteral("10")).toInt(),
                                     *asOf, *asOf + horizon);
        if (!top) {
            return printError(top.error());
        }
        targets = *top;
    } else if (parser.isSet(QStringLiteral("top-products"))) {
        auto top = service.topProducts(parser.value(QStringLiteral("top-products")).toInt(), *asOf, *asOf + horizon);
        if (!top) {
            return printError(top.error());
        }
        targets = *top;
    } else {
        model::Target target;
        if (!parseTarget(parser, target)) {
            std::fputs("awb evaluate: give --target, --product, --top-values or --top-products\n", stderr);
            return kExitUsage;
        }
        targets.push_back(target);
    }
    TerminalProgress progress;
    const auto result = service.evaluate(targets, *asOf, horizon, progress);
    if (!result) {
        return printError(result.error());
    }
    std::string s = "as of " + ingest::formatTimestamp(*asOf) + ", horizon " + std::to_string(horizon / services::kDayMs) +
                    " days\n";
    std::vector<numeric::Quality> macro;
    const auto minEngaged = static_cast<std::size_t>(std::max(0, parser.value(QStringLiteral("min-engaged")).toInt()));
    std::size_t used = 0;
    for (const services::TargetEvaluation &t : result->targets) {
        if (t.qualities.front().positives < minEngaged) {
            s += "\nleft out: " + t.target + " (" + std::to_string(t.qualities.front().positives) + " engaged)\n";
            continue;
        }
        ++used;
        s += "\n" + t.target + " (" + std::to_string(t.qualities.front().positives) + " engaged of " +
             std::to_string(t.qualities.front().rows) + ")\n" + qualityTable(t.qualities);
        for (std::size_t i = 0; i < t.qualities.size(); ++i) {
            if (macro.size() <= i) {
                macro.push_back(t.qualities[i]);
                macro[i].topK = t.qualities[i].topK;
                continue;
            }
            macro[i].auc += t.qualities[i].auc;
            macro[i].averagePrecision += t.qualities[i].averagePrecision;
            macro[i].brier += t.qualities[i].brier;
            macro[i].ece += t.qualities[i].ece;
            for (std::size_t k = 0; k < macro[i].topK.size(); ++k) {
                macro[i].topK[k].precision += t.qualities[i].topK[k].precision;
                macro[i].topK[k].lift += t.qualities[i].topK[k].lift;
                macro[i].topK[k].gain += t.qualities[i].topK[k].gain;
            }
        }
    }
    const auto n = static_cast<double>(std::max<std::size_t>(used, 1));
    for (numeric::Quality &q : macro) {
        q.auc /= n;
        q.averagePrecision /= n;
        q.brier /= n;
        q.ece /= n;
        for (numeric::TopK &k : q.topK) {
            k.precision /= n;
            k.lift /= n;
            k.gain /= n;
        }
        q.label = numeric::qualityLabel(q.auc, q.at(0.05).lift, 20, 0);
    }
    if (!macro.empty()) {
        s += "\nmacro average over " + std::to_string(used) + " targets\n" + qualityTable(macro);
    }
    for (const std::string &skip : result->skipped) {
        s += "skipped: " + skip + "\n";
    }
    printOut(s);
    return kExitOk;
}

} // namespace awb::cli
