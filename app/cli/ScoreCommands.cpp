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
    parser.addOption({QStringLiteral("as-of"),
                      QStringLiteral("Pretend now is DATE (everything after is unseen)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("horizon"), QStringLiteral("Prediction window, e.g. 30d (default)."),
                      QStringLiteral("DAYS"), QStringLiteral("30d")});
    parser.addOption(
        {QStringLiteral("everyone"),
         QStringLiteral("Score every profile seen before the date, not only those with a user id "
                        "(the people an email or ad tool can reach).")});
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
             fixed(q.at(0.05).precision, 3) + "   " + fixed(q.at(0.01).lift, 2) + "    " +
             fixed(q.at(0.05).lift, 2) + "    " + fixed(q.at(0.20).lift, 2) + "     " +
             fixed(q.at(0.20).gain, 3) + "    " + fixed(q.brier, 4) + "  " + fixed(q.ece, 4) + "  " +
             q.label + "\n";
    }
    return s;
}

// Per score name, the mean of each metric over the targets that have that score (the oracle row exists
// only for targets with planted truth).
class MacroAverage
{
public:
    void add(const numeric::Quality &q)
    {
        auto it = std::find_if(m_sums.begin(), m_sums.end(),
                               [&](const numeric::Quality &s) { return s.name == q.name; });
        if (it == m_sums.end()) {
            m_sums.push_back(q);
            m_counts.push_back(1);
            return;
        }
        ++m_counts[static_cast<std::size_t>(it - m_sums.begin())];
        it->auc += q.auc;
        it->averagePrecision += q.averagePrecision;
        it->brier += q.brier;
        it->ece += q.ece;
        for (std::size_t k = 0; k < it->topK.size() && k < q.topK.size(); ++k) {
            it->topK[k].precision += q.topK[k].precision;
            it->topK[k].lift += q.topK[k].lift;
            it->topK[k].gain += q.topK[k].gain;
        }
    }

    std::vector<numeric::Quality> averages() const
    {
        std::vector<numeric::Quality> out = m_sums;
        for (std::size_t i = 0; i < out.size(); ++i) {
            numeric::Quality &q = out[i];
            const auto n = static_cast<double>(m_counts[i]);
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
        return out;
    }

    /// How many targets have the score name.
    int count(const std::string &name) const
    {
        for (std::size_t i = 0; i < m_sums.size(); ++i) {
            if (m_sums[i].name == name) {
                return m_counts[i];
            }
        }
        return 0;
    }

private:
    std::vector<numeric::Quality> m_sums;
    std::vector<int> m_counts;
};

// The model's macro AUC and lift@5% against the best baseline for each (not the oracle).
std::string againstBestBaseline(const std::vector<numeric::Quality> &macro)
{
    const numeric::Quality *model = nullptr;
    const numeric::Quality *bestAuc = nullptr;
    const numeric::Quality *bestLift = nullptr;
    for (const numeric::Quality &q : macro) {
        if (q.name == "model") {
            model = &q;
        } else if (q.name != services::kOracleName) {
            if (!bestAuc || q.auc > bestAuc->auc) {
                bestAuc = &q;
            }
            if (!bestLift || q.at(0.05).lift > bestLift->at(0.05).lift) {
                bestLift = &q;
            }
        }
    }
    if (!model || !bestAuc || !bestLift) {
        return {};
    }
    const double liftGain =
        bestLift->at(0.05).lift > 0 ? 100.0 * (model->at(0.05).lift / bestLift->at(0.05).lift - 1.0) : 0.0;
    return "model against the best baseline: AUC " + fixed(model->auc - bestAuc->auc, 3) + " (best " +
           bestAuc->name + " " + fixed(bestAuc->auc, 3) + "), lift@5% " + (liftGain >= 0 ? "+" : "") +
           fixed(liftGain, 1) + "% (best " + bestLift->name + " " + fixed(bestLift->at(0.05).lift, 2) + ")\n";
}

// The per-target tables, their macro average (targets with fewer than minEngaged engaged people left out)
// and the notes of an evaluation.
std::string evaluationReport(const services::EvaluationResult &result, std::size_t minEngaged)
{
    std::string s = "as of " + ingest::formatTimestamp(result.asOfMs) + ", horizon " +
                    std::to_string(result.horizonMs / services::kDayMs) + " days, candidates: " +
                    (result.everyone ? "everyone seen before" : "profiles with a user id seen before") + "\n";
    if (!result.tuning.empty()) {
        s += result.tuning + "\n";
    }
    if (!result.combiner.empty()) {
        s += result.combiner + "\n";
    }
    MacroAverage macro;
    std::size_t used = 0;
    for (const services::TargetEvaluation &t : result.targets) {
        if (t.qualities.front().positives < minEngaged) {
            s += "\nleft out: " + t.target + " (" + std::to_string(t.qualities.front().positives) +
                 " engaged)\n";
            continue;
        }
        if (!t.qualities.front().rankable) {
            s += "\nleft out: " + t.target + " (" + numeric::kNotRankable +
                 ": the model gave everyone the same score, e.g. nobody engaged with it before)\n";
            continue;
        }
        ++used;
        std::vector<numeric::Quality> rows = t.qualities;
        if (t.oracle) {
            rows.push_back(*t.oracle);
        }
        s += "\n" + t.target + " (" + std::to_string(t.qualities.front().positives) + " engaged of " +
             std::to_string(t.qualities.front().rows) + ")\n" + qualityTable(rows);
        for (const numeric::Quality &q : rows) {
            macro.add(q);
        }
    }
    if (used > 0) {
        const int withOracle = macro.count(services::kOracleName);
        s += "\nmacro average over " + std::to_string(used) + " targets" +
             (withOracle > 0 && static_cast<std::size_t>(withOracle) != used
                  ? " (the oracle over the " + std::to_string(withOracle) + " with planted truth)"
                  : std::string()) +
             "\n" + qualityTable(macro.averages()) + againstBestBaseline(macro.averages());
    }
    if (!result.oracleNote.empty()) {
        s += "\n" + result.oracleNote + "\n";
    }
    for (const std::string &skip : result.skipped) {
        s += "skipped: " + skip + "\n";
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
        std::fputs("awb score: expected WORKSPACE (--target COLUMN=VALUE | --product ID) --out FILE.csv\n",
                   stderr);
        return kExitUsage;
    }
    if (!readCommon(parser, request.asOfMs, request.horizonMs, exitCode)) {
        return exitCode;
    }
    request.everyone = parser.isSet(QStringLiteral("everyone"));
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
    if (!result->tuning.empty()) {
        s += result->tuning + "\n";
    }
    s += "backtest (features before now - horizon, engagements in the last horizon):\n" +
         qualityTable(result->backtest);
    printOut(s);
    return kExitOk;
}

int runEvaluate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Score targets as of a date and measure the model and its baselines against what really happened."));
    addTargetOptions(parser);
    parser.addOption({QStringLiteral("top-values"),
                      QStringLiteral("The N values of COLUMN with most engaged people "
                                     "in the horizon after --as-of."),
                      QStringLiteral("COLUMN:N")});
    parser.addOption({QStringLiteral("top-products"),
                      QStringLiteral("The N products with most engaged people."), QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("min-engaged"),
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
        auto top = service.topValues(parts.value(0).toStdString(),
                                     parts.value(1, QStringLiteral("10")).toInt(), *asOf, *asOf + horizon);
        if (!top) {
            return printError(top.error());
        }
        targets = *top;
    } else if (parser.isSet(QStringLiteral("top-products"))) {
        auto top =
            service.topProducts(parser.value(QStringLiteral("top-products")).toInt(), *asOf, *asOf + horizon);
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
    const auto result =
        service.evaluate(targets, *asOf, horizon, progress, parser.isSet(QStringLiteral("everyone")));
    if (!result) {
        return printError(result.error());
    }
    const auto minEngaged =
        static_cast<std::size_t>(std::max(0, parser.value(QStringLiteral("min-engaged")).toInt()));
    printOut(evaluationReport(*result, minEngaged));
    return kExitOk;
}

} // namespace awb::cli
