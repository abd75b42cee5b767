// SPDX-License-Identifier: GPL-3.0-or-later
#include "audience/AudienceQuality.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace awb::audience {

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

template <typename T> QJsonArray toArray(const std::vector<T> &values)
{
    QJsonArray a;
    for (const T v : values) {
        a.append(static_cast<double>(v));
    }
    return a;
}

template <typename T> std::vector<T> fromArray(const QJsonValue &value)
{
    std::vector<T> out;
    for (const QJsonValue v : value.toArray()) {
        out.push_back(static_cast<T>(v.toDouble()));
    }
    return out;
}

QJsonObject qualityObject(const numeric::Quality &q)
{
    QJsonArray topK;
    for (const numeric::TopK &k : q.topK) {
        topK.append(QJsonObject{{key("fraction"), k.fraction},
                                {key("k"), static_cast<double>(k.k)},
                                {key("precision"), k.precision},
                                {key("lift"), k.lift},
                                {key("gain"), k.gain}});
    }
    QJsonArray calibration;
    for (const numeric::CalibrationBin &b : q.calibration) {
        calibration.append(QJsonObject{{key("meanPredicted"), b.meanPredicted},
                                       {key("observedRate"), b.observedRate},
                                       {key("count"), static_cast<double>(b.count)}});
    }
    return QJsonObject{{key("name"), QString::fromStdString(q.name)},
                       {key("rows"), static_cast<double>(q.rows)},
                       {key("positives"), static_cast<double>(q.positives)},
                       {key("auc"), q.auc},
                       {key("averagePrecision"), q.averagePrecision},
                       {key("topK"), topK},
                       {key("brier"), q.brier},
                       {key("logLoss"), q.logLoss},
                       {key("ece"), q.ece},
                       {key("calibration"), calibration},
                       {key("gain"), toArray(q.gain)},
                       {key("label"), QString::fromStdString(q.label)}};
}

numeric::Quality qualityFromObject(const QJsonObject &o)
{
    numeric::Quality q;
    q.name = o.value(key("name")).toString().toStdString();
    q.rows = static_cast<std::size_t>(o.value(key("rows")).toDouble());
    q.positives = static_cast<std::size_t>(o.value(key("positives")).toDouble());
    q.auc = o.value(key("auc")).toDouble();
    q.averagePrecision = o.value(key("averagePrecision")).toDouble();
    for (const QJsonValue v : o.value(key("topK")).toArray()) {
        const QJsonObject k = v.toObject();
        q.topK.push_back({k.value(key("fraction")).toDouble(),
                          static_cast<std::size_t>(k.value(key("k")).toDouble()),
                          k.value(key("precision")).toDouble(), k.value(key("lift")).toDouble(),
                          k.value(key("gain")).toDouble()});
    }
    q.brier = o.value(key("brier")).toDouble();
    q.logLoss = o.value(key("logLoss")).toDouble();
    q.ece = o.value(key("ece")).toDouble();
    for (const QJsonValue v : o.value(key("calibration")).toArray()) {
        const QJsonObject b = v.toObject();
        q.calibration.push_back({b.value(key("meanPredicted")).toDouble(),
                                 b.value(key("observedRate")).toDouble(),
                                 static_cast<std::size_t>(b.value(key("count")).toDouble())});
    }
    q.gain = fromArray<double>(o.value(key("gain")));
    q.label = o.value(key("label")).toString().toStdString();
    return q;
}

} // namespace

PropensityCurve::PropensityCurve(std::vector<double> sortedDescending) : m_scores(std::move(sortedDescending))
{
    m_cumulative.resize(m_scores.size());
    double sum = 0;
    for (std::size_t i = 0; i < m_scores.size(); ++i) {
        sum += m_scores[i];
        m_cumulative[i] = sum;
    }
}

double PropensityCurve::expectedTotal() const
{
    return m_cumulative.empty() ? 0.0 : m_cumulative.back();
}

double PropensityCurve::baseRate() const
{
    return m_scores.empty() ? 0.0 : expectedTotal() / static_cast<double>(m_scores.size());
}

PropensityCurve::Point PropensityCurve::at(std::int64_t size) const
{
    Point p;
    p.size = std::clamp<std::int64_t>(size, 0, eligible());
    if (m_scores.empty()) {
        return p;
    }
    if (p.size == 0) {
        // The limit of an ever smaller audience: its one best prospect.
        p.likelihoodAtCut = p.averageLikelihood = m_scores.front();
    } else {
        const auto last = static_cast<std::size_t>(p.size - 1);
        p.likelihoodAtCut = m_scores[last];
        p.expectedEngagers = m_cumulative[last];
        p.averageLikelihood = p.expectedEngagers / static_cast<double>(p.size);
    }
    const double total = expectedTotal();
    p.expectedShare = total > 0 ? p.expectedEngagers / total : 0.0;
    p.lift = baseRate() > 0 ? p.averageLikelihood / baseRate() : 0.0;
    return p;
}

AudienceQuality freezeQuality(const PropensityCurve &curve, const std::vector<numeric::Quality> &backtest,
                              std::int64_t size, int bins)
{
    AudienceQuality q;
    q.backtest = backtest;
    q.eligible = curve.eligible();
    q.size = size;
    q.baseRate = curve.baseRate();
    q.expectedTotal = curve.expectedTotal();
    for (int pct = 0; pct <= 100; ++pct) {
        const auto n =
            static_cast<std::int64_t>(std::ceil(pct / 100.0 * static_cast<double>(q.eligible) - 1e-9));
        const PropensityCurve::Point p = curve.at(n);
        q.likelihoodAtCut.push_back(p.likelihoodAtCut);
        q.averageLikelihood.push_back(p.averageLikelihood);
        q.expectedShare.push_back(p.expectedShare);
    }
    // No gain curve where too few engaged to draw one (a "100% gain" of 0 engagers says nothing).
    if (!backtest.empty() && backtest.front().label != numeric::kInsufficientData) {
        q.backtestGain = backtest.front().gain;
    }
    const double top = curve.scores().empty() ? 1.0 : std::max(curve.scores().front(), 1e-12);
    q.histogramCounts.assign(static_cast<std::size_t>(bins), 0);
    for (int b = 0; b <= bins; ++b) {
        q.histogramEdges.push_back(top * b / bins);
    }
    for (const double s : curve.scores()) {
        const auto b = std::clamp(static_cast<int>(s / top * bins), 0, bins - 1);
        ++q.histogramCounts[static_cast<std::size_t>(b)];
    }
    return q;
}

std::string qualityToJson(const AudienceQuality &q)
{
    QJsonArray backtest;
    for (const numeric::Quality &row : q.backtest) {
        backtest.append(qualityObject(row));
    }
    const QJsonObject o{{key("backtest"), backtest},
                        {key("population"), QString::fromStdString(q.population)},
                        {key("backtestPopulation"), QString::fromStdString(q.backtestPopulation)},
                        {key("eligible"), static_cast<double>(q.eligible)},
                        {key("size"), static_cast<double>(q.size)},
                        {key("reachableByEmail"), static_cast<double>(q.reachableByEmail)},
                        {key("baseRate"), q.baseRate},
                        {key("expectedTotal"), q.expectedTotal},
                        {key("likelihoodAtCut"), toArray(q.likelihoodAtCut)},
                        {key("averageLikelihood"), toArray(q.averageLikelihood)},
                        {key("expectedShare"), toArray(q.expectedShare)},
                        {key("backtestGain"), toArray(q.backtestGain)},
                        {key("histogramEdges"), toArray(q.histogramEdges)},
                        {key("histogramCounts"), toArray(q.histogramCounts)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

AudienceQuality qualityFromJson(const std::string &json)
{
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    AudienceQuality q;
    for (const QJsonValue v : o.value(key("backtest")).toArray()) {
        q.backtest.push_back(qualityFromObject(v.toObject()));
    }
    q.population = o.value(key("population")).toString(QStringLiteral("everyone")).toStdString();
    q.backtestPopulation = o.value(key("backtestPopulation")).toString().toStdString();
    q.eligible = static_cast<std::int64_t>(o.value(key("eligible")).toDouble());
    q.size = static_cast<std::int64_t>(o.value(key("size")).toDouble());
    q.reachableByEmail = static_cast<std::int64_t>(o.value(key("reachableByEmail")).toDouble(-1));
    q.baseRate = o.value(key("baseRate")).toDouble();
    q.expectedTotal = o.value(key("expectedTotal")).toDouble();
    q.likelihoodAtCut = fromArray<double>(o.value(key("likelihoodAtCut")));
    q.averageLikelihood = fromArray<double>(o.value(key("averageLikelihood")));
    q.expectedShare = fromArray<double>(o.value(key("expectedShare")));
    q.backtestGain = fromArray<double>(o.value(key("backtestGain")));
    q.histogramEdges = fromArray<double>(o.value(key("histogramEdges")));
    q.histogramCounts = fromArray<std::int64_t>(o.value(key("histogramCounts")));
    return q;
}

} // namespace awb::audience
