// SPDX-License-Identifier: GPL-3.0-or-later
// Replays every file of tests/fuzz/corpus/<target>/ (seeds and minimised crash reproducers) through the
// fuzz entry functions, so that a crash once found stays fixed. The entries check their properties
// themselves and abort on a violation, which fails this test.
#include "FuzzTargets.h"

#include <QDir>
#include <QFile>
#include <QTest>

namespace {

struct Target
{
    const char *dir;
    int (*entry)(const std::uint8_t *, std::size_t);
};

const Target kTargets[] = {
    {"jsonl", awb::fuzz::jsonLines},
    {"csv", awb::fuzz::csvImport},
    {"rule", awb::fuzz::ruleJson},
};

QStringList corpusFiles(const char *target)
{
    const QDir dir(QStringLiteral(AWB_FUZZ_CORPUS "/") + QLatin1String(target));
    return dir.entryList(QDir::Files, QDir::Name);
}

} // namespace

class TestFuzzReplay : public QObject
{
    Q_OBJECT

private slots:
    // A handful of seeds each: an empty corpus would make the replay pass vacuously.
    void everyTargetHasSeeds()
    {
        for (const Target &t : kTargets) {
            QVERIFY2(corpusFiles(t.dir).size() >= 3, t.dir);
        }
    }

    void replaysCorpus_data()
    {
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("file");
        for (int i = 0; i < static_cast<int>(std::size(kTargets)); ++i) {
            const QString dir = QStringLiteral(AWB_FUZZ_CORPUS "/") + QLatin1String(kTargets[i].dir);
            for (const QString &name : corpusFiles(kTargets[i].dir)) {
                QTest::newRow(qPrintable(QLatin1String(kTargets[i].dir) + u'/' + name))
                    << i << dir + u'/' + name;
            }
        }
    }

    void replaysCorpus()
    {
        QFETCH(int, target);
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QCOMPARE(kTargets[target].entry(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                        static_cast<std::size_t>(bytes.size())),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestFuzzReplay)
#include "tst_FuzzReplay.moc"
