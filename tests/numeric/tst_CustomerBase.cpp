// SPDX-License-Identifier: GPL-3.0-or-later
// BG/NBD and Gamma-Gamma against the published CDNOW fits (Fader, Hardie & Lee 2005).
#include "TestUtil.h"
#include "numeric/CustomerBase.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace awb::numeric;

namespace {
bool near(double a, double b, double tol)
{
    return std::abs(a - b) <= tol;
}
} // namespace

class TestCustomerBase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString dir = awb::test::sharedDataDir();
        if (dir.isEmpty()) {
            return;
        }
        QFile f(dir + QStringLiteral("/cdnow/cdnow_customers_summary_with_transactions.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        f.readLine(); // ID,x,t_x,T,zbar
        while (!f.atEnd()) {
            const QList<QByteArray> cells = f.readLine().trimmed().split(',');
            if (cells.size() == 5) {
                m_customers.push_back({cells[1].toDouble(), cells[2].toDouble(), cells[3].toDouble(), cells[4].toDouble()});
            }
        }
    }

    void reproducesPublishedBgNbdFit()
    {
        if (m_customers.empty()) {
            QSKIP("../shared/data/cdnow is absent: the published-fit check needs the CDNOW sample");
        }
        QCOMPARE(m_customers.size(), std::size_t(2357));
        const BgNbdFit fit = fitBgNbd(m_customers);
        QVERIFY(fit.converged);
        QVERIFY2(near(fit.params.r, 0.243, 0.001), qPrintable(QString::number(fit.params.r)));
        QVERIFY2(near(fit.params.alpha, 4.414, 0.005), qPrintable(QString::number(fit.params.alpha)));
        QVERIFY2(near(fit.params.a, 0.793, 0.002), qPrintable(QString::number(fit.params.a)));
        QVERIFY2(near(fit.params.b, 2.426, 0.005), qPrintable(QString::number(fit.params.b)));
        QVERIFY2(near(fit.logLikelihood, -9582.4, 0.1), qPrintable(QString::number(fit.logLikelihood, 'f', 2)));
    }

    void publishedConditionalExpectation()
    {
        // Customer 1 of the paper, with the published parameters: E[Y(39) | 2, 30.43, 38.86] = 1.226.
        const BgNbdParams p{0.243, 4.414, 0.793, 2.426};
        const RfmSummary c{2, 30.43, 38.86, 0};
        QVERIFY2(near(bgNbdExpectedPurchases(p, c, 39), 1.226, 0.001),
                 qPrintable(QString::number(bgNbdExpectedPurchases(p, c, 39), 'f', 4)));
        QCOMPARE(bgNbdProbabilityAlive(p, RfmSummary{0, 0, 38.86, 0}), 1.0);
        const double alive = bgNbdProbabilityAlive(p, c);
        QVERIFY(alive > 0.0 && alive < 1.0);
        // A customer whose last purchase is long ago is less likely alive than a recent one.
        QVERIFY(bgNbdProbabilityAlive(p, RfmSummary{2, 5, 38.86, 0}) < alive);
    }

    void reproducesPublishedGammaGammaFit()
    {
        if (m_customers.empty()) {
            QSKIP("../shared/data/cdnow is absent: the published-fit check needs the CDNOW sample");
        }
        std::size_t repeat = 0;
        for (const RfmSummary &c : m_customers) {
            repeat += c.x > 0 ? 1 : 0;
        }
        QCOMPARE(repeat, std::size_t(946));
        const GammaGammaFit fit = fitGammaGamma(m_customers);
        QVERIFY(fit.converged);
        QVERIFY2(near(fit.params.p, 6.25, 0.01), qPrintable(QString::number(fit.params.p)));
        QVERIFY2(near(fit.params.q, 3.74, 0.01), qPrintable(QString::number(fit.params.q)));
        QVERIFY2(near(fit.params.v, 15.44, 0.05), qPrintable(QString::number(fit.params.v)));
        // Shrinkage: a customer's expected spend lies between their own mean and the population mean.
        const RfmSummary c{2, 30.43, 38.86, 22.35};
        const double population = fit.params.p * fit.params.v / (fit.params.q - 1.0);
        const double e = gammaGammaExpectedSpend(fit.params, c);
        QVERIFY(e > std::min(population, c.meanSpend) && e < std::max(population, c.meanSpend));
    }

    void hypergeometricKnownValues()
    {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z.
        QVERIFY(near(hypergeometric2F1(1, 1, 2, 0.5), -std::log(0.5) / 0.5, 1e-12));
        QCOMPARE(hypergeometric2F1(3, 4, 5, 0.0), 1.0);
    }

private:
    std::vector<RfmSummary> m_customers;
};

QTEST_GUILESS_MAIN(TestCustomerBase)
#include "tst_CustomerBase.moc"
