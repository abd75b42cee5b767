// SPDX-License-Identifier: GPL-3.0-or-later
// awb evaluate's oracle row on a generated sample store: the planted truth against the same labels.
#include "catalog/CatalogDefinition.h"
#include "jobs/Progress.h"
#include "sample/SampleGenerator.h"
#include "services/CatalogService.h"
#include "services/ScoringService.h"
#include "store/Database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "TestUtil.h"

using namespace awb;

namespace {

constexpr std::int64_t kDayMs = services::kDayMs;
// The sample below ends on 2026-10-31: its history is [.., 2026-11-01T00:00Z).
constexpr std::int64_t kSampleEndMs = 1793491200000;
constexpr std::int64_t kHorizonMs = 30 * kDayMs;

std::vector<model::Target> categories()
{
    std::vector<model::Target> out;
    for (const char *value : {"Beauty", "Electronics", "Fashion", "Home", "Sports"}) {
        out.push_back({"Category", value, {}});
    }
    return out;
}

services::EvaluationResult evaluate(const std::string &ws, const std::vector<model::Target> &targets,
                                    std::int64_t asOfMs, std::int64_t horizonMs = kHorizonMs)
{
    auto result = services::ScoringService(ws).evaluate(targets, asOfMs, horizonMs, ProgressSink::null());
    if (!result) {
        qWarning("evaluate failed: %s", result.error().message.c_str());
        return {};
    }
    return *result;
}

double meanAuc(const services::EvaluationResult &r, bool oracle)
{
    double sum = 0;
    for (const services::TargetEvaluation &t : r.targets) {
        sum += oracle ? t.oracle->auc : t.qualities.front().auc;
    }
    return sum / static_cast<double>(std::max<std::size_t>(1, r.targets.size()));
}

// Sum of the oracle's probabilities (expected engagers) and the actual engagers over all targets.
std::pair<double, double> oracleCalibration(const services::EvaluationResult &r)
{
    double expected = 0;
    double actual = 0;
    for (const services::TargetEvaluation &t : r.targets) {
        for (const numeric::CalibrationBin &bin : t.oracle->calibration) {
            expected += bin.meanPredicted * static_cast<double>(bin.count);
        }
        actual += static_cast<double>(t.oracle->positives);
    }
    return {expected, actual};
}

} // namespace

class TestScoringOracle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("sample.awb")).toStdString();
        sample::SampleSpec spec; // the default store: 2000 profiles, 180 days ending 2026-10-31
        QVERIFY(sample::generateWorkspace(m_ws, spec, ProgressSink::null()));
        catalog::CatalogDefinition def;
        def.events = {{"Order Completed", "products[].product_id", 1.0}};
        def.columns = {{"Category", "category", ""}, {"Brand", "brand", ""}, {"Name", "name", ""}};
        QVERIFY(services::CatalogService(m_ws).save(def));
        QVERIFY(services::CatalogService(m_ws).build(ProgressSink::null()));
    }

    void oracleIsTheCeiling()
    {
        const services::EvaluationResult r = evaluate(m_ws, categories(), kSampleEndMs - kHorizonMs);
        QCOMPARE(r.targets.size(), std::size_t(5));
        for (const services::TargetEvaluation &t : r.targets) {
            QVERIFY2(t.oracle.has_value(), t.target.c_str());
            QCOMPARE(t.oracle->name, std::string(services::kOracleName));
            QCOMPARE(t.oracle->rows, t.qualities.front().rows);
            QCOMPARE(t.oracle->positives, t.qualities.front().positives);
        }
        const double model = meanAuc(r, false);
        const double oracle = meanAuc(r, true);
        qInfo("macro AUC over 5 categories: model %.3f, oracle %.3f", model, oracle);
        const auto [expected, actual] = oracleCalibration(r);
        QVERIFY2(std::abs(expected - actual) <= 0.2 * actual,
                 qPrintable(QStringLiteral("%1 expected, %2 actual").arg(expected).arg(actual)));
        QVERIFY2(model > 0.70, qPrintable(QString::number(model)));
        QVERIFY2(oracle > 0.75, qPrintable(QString::number(oracle)));
        // About 40 engagers per category: the AUCs carry a noise of a few hundredths.
        QVERIFY2(oracle >= model - 0.03, qPrintable(QStringLiteral("%1 vs %2").arg(oracle).arg(model)));
        QVERIFY(r.oracleNote.find("This window ends there") != std::string::npos);
    }

    void oracleRescalesToTheHorizon()
    {
        // 45 days: each planted 30-day probability p becomes 1 - (1 - p)^1.5, so the oracle still ranks well.
        const std::int64_t horizon = 45 * kDayMs;
        const services::EvaluationResult r = evaluate(m_ws, categories(), kSampleEndMs - horizon, horizon);
        QCOMPARE(r.targets.size(), std::size_t(5));
        QVERIFY(r.targets.front().oracle.has_value());
        QVERIFY(meanAuc(r, true) > 0.75);
        const auto [expected, actual] = oracleCalibration(r);
        // Calibrated after rescaling (without it the expected count would be about a third too low); a
        // little low, as customers who stop buying inside the window have a planted 0.
        QVERIFY2(std::abs(expected - actual) <= 0.2 * actual,
                 qPrintable(QStringLiteral("%1 expected, %2 actual").arg(expected).arg(actual)));
        QVERIFY(r.oracleNote.find("This window ends there") != std::string::npos);
    }

    void warnsWhenTheWindowEndsBeforeTheSample()
    {
        const services::EvaluationResult r = evaluate(m_ws, categories(), kSampleEndMs - 3 * kHorizonMs);
        QVERIFY(r.targets.front().oracle.has_value());
        QVERIFY2(r.oracleNote.find("Warning") != std::string::npos, r.oracleNote.c_str());
        QVERIFY2(r.oracleNote.find("--as-of 2026-10-02") != std::string::npos, r.oracleNote.c_str());
    }

    void noOracleWithoutPlantedTruth()
    {
        // A product, or a column the generator plants no truth for, get no oracle; the model is unchanged.
        const std::string product = test::queryText(
            m_ws,
            "SELECT product_id FROM catalog_items ORDER BY (SELECT count(*) FROM catalog_interactions c "
            "WHERE c.item = catalog_items.item) DESC LIMIT 1");
        const std::string name = test::queryText(
            m_ws,
            "SELECT value FROM catalog_values WHERE column_name = 'Name' ORDER BY interactions DESC LIMIT 1");
        const services::EvaluationResult r =
            evaluate(m_ws, {{{}, {}, product}, {"Name", name, {}}}, kSampleEndMs - kHorizonMs);
        QCOMPARE(r.targets.size(), std::size_t(2));
        for (const services::TargetEvaluation &t : r.targets) {
            QVERIFY2(!t.oracle.has_value(), t.target.c_str());
            QCOMPARE(t.qualities.size(), std::size_t(6)); // the model and five baselines
        }
    }

    void noOracleWhenTheCatalogCountsMoreThanOrders()
    {
        const std::string ws = copy(QStringLiteral("views.awb"));
        catalog::CatalogDefinition def;
        def.events = {{"Order Completed", "products[].product_id", 3.0},
                      {"Product Viewed", "product_id", 1.0}};
        def.columns = {{"Category", "category", ""}};
        QVERIFY(services::CatalogService(ws).save(def));
        QVERIFY(services::CatalogService(ws).build(ProgressSink::null()));
        const services::EvaluationResult r = evaluate(ws, categories(), kSampleEndMs - kHorizonMs);
        QCOMPARE(r.targets.size(), std::size_t(5));
        QVERIFY(!r.targets.front().oracle.has_value());
        QVERIFY2(r.oracleNote.rfind("no oracle row", 0) == 0, r.oracleNote.c_str());
        QVERIFY(r.oracleNote.find("Product Viewed") != std::string::npos);
    }

    // No leakage: the scores at T are the same, to the last bit, once every event and catalog interaction at or
    // after T is deleted (item numbering kept). Checked for the model (pooled or per target), not a fallback.
    void scoresAtTReadNothingFromAfterT()
    {
        const std::int64_t asOf = kSampleEndMs - 2 * kHorizonMs;
        const std::string ws = copy(QStringLiteral("before-t.awb"));
        {
            auto db = store::Database::open(ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            for (const char *sql : {"DELETE FROM catalog_interactions WHERE ts >= ?",
                                    "DELETE FROM event_products WHERE event_id IN (SELECT id FROM events WHERE ts >= ?)",
                                    "DELETE FROM events WHERE ts >= ?"}) {
                (*db)->prepare(sql).bind(1, asOf).run();
            }
        }
        QVERIFY(test::queryInt(ws, "SELECT count(*) FROM events") < test::queryInt(m_ws, "SELECT count(*) FROM events"));
        for (const char *category : {"Electronics", "Beauty"}) {
            services::ScoreRequest request;
            request.target = {"Category", category, {}};
            request.asOfMs = asOf;
            const auto all = services::ScoringService(m_ws).score(request, ProgressSink::null());
            const auto before = services::ScoringService(ws).score(request, ProgressSink::null());
            QVERIFY(all && before);
            QVERIFY2(!all->fallback, all->note.c_str());
            QCOMPARE(all->ranked.size(), before->ranked.size());
            for (std::size_t i = 0; i < all->ranked.size(); ++i) {
                QCOMPARE(all->ranked[i].profileId, before->ranked[i].profileId);
                QVERIFY(all->ranked[i].probability == before->ranked[i].probability); // exactly
            }
        }
    }

    void realDataIsUnchanged()
    {
        // The same store without planted truth (as real data is): no oracle, no note, the same scores.
        const std::string ws = copy(QStringLiteral("real.awb"));
        {
            auto db = store::Database::open(ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            (*db)->exec("DELETE FROM sample_truth");
        }
        const std::int64_t asOf = kSampleEndMs - kHorizonMs;
        const services::EvaluationResult real = evaluate(ws, categories(), asOf);
        const services::EvaluationResult planted = evaluate(m_ws, categories(), asOf);
        QVERIFY(real.oracleNote.empty());
        QCOMPARE(real.targets.size(), planted.targets.size());
        for (std::size_t i = 0; i < real.targets.size(); ++i) {
            QVERIFY(!real.targets[i].oracle.has_value());
            QCOMPARE(real.targets[i].qualities.size(), planted.targets[i].qualities.size());
            for (std::size_t q = 0; q < real.targets[i].qualities.size(); ++q) {
                QCOMPARE(real.targets[i].qualities[q].auc, planted.targets[i].qualities[q].auc);
            }
        }
    }

private:
    std::string copy(const QString &name)
    {
        const QString to = m_dir.filePath(name);
        return QFile::copy(QString::fromStdString(m_ws), to) ? to.toStdString() : std::string();
    }

    QTemporaryDir m_dir;
    std::string m_ws;
};

QTEST_GUILESS_MAIN(TestScoringOracle)
#include "tst_ScoringOracle.moc"
