// SPDX-License-Identifier: GPL-3.0-or-later
// Counts shown with a noun agree with it (issue 12): "1 engager", "2 engagers", "1,234 people".
#include "audience/AudienceTypes.h"
#include "audiences/AudienceListModel.h"
#include "models/DisplayFormat.h"
#include "services/ScoringService.h"

#include <QTest>

using namespace awb;

class TestPlurals : public QObject
{
    Q_OBJECT

private slots:
    void countAndNounAgree_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<QString>("one");
        QTest::addColumn<QString>("many");
        QTest::addColumn<QString>("shown");
        QTest::newRow("none") << qint64(0) << "%1 engager"
                              << "%1 engagers"
                              << "0 engagers";
        QTest::newRow("one engager") << qint64(1) << "%1 engager"
                                     << "%1 engagers"
                                     << "1 engager";
        QTest::newRow("two engagers") << qint64(2) << "%1 engager"
                                      << "%1 engagers"
                                      << "2 engagers";
        QTest::newRow("one person") << qint64(1) << "%1 person"
                                    << "%1 people"
                                    << "1 person";
        QTest::newRow("grouped") << qint64(1234) << "%1 person"
                                 << "%1 people"
                                 << "1,234 people";
        QTest::newRow("one event") << qint64(1) << "%1 event"
                                   << "%1 events"
                                   << "1 event";
        QTest::newRow("sentence") << qint64(1) << "%1 product row was skipped."
                                  << "%1 product rows were skipped."
                                  << "1 product row was skipped.";
    }

    void countAndNounAgree()
    {
        QFETCH(qint64, n);
        QFETCH(QString, one);
        QFETCH(QString, many);
        QFETCH(QString, shown);
        QCOMPARE(ui::format::plural(n, one, many), shown);
    }

    void aOneDayHorizonReadsOneDay()
    {
        audience::AudienceInfo info;
        info.target.column = "brand";
        info.target.value = "Acme";
        info.horizonMs = services::kDayMs;
        QCOMPARE(ui::AudienceListModel::targetText(info), QStringLiteral("brand = Acme, within 1 day"));
        info.horizonMs = 30 * services::kDayMs;
        QCOMPARE(ui::AudienceListModel::targetText(info), QStringLiteral("brand = Acme, within 30 days"));
    }
};

QTEST_MAIN(TestPlurals)
#include "tst_Plurals.moc"
