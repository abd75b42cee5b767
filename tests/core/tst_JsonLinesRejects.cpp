// SPDX-License-Identifier: GPL-3.0-or-later
// Bad Segment JSON lines: every rejection reason with its line number, the good lines around it still
// imported; blank lines, batches with bad calls, over-long lines, truncated compressed input.
#include "HugeInput.h"
#include "JsonlTestUtil.h"
#include "ingest/Importers.h"

#include <zlib.h>

#include <QFile>
#include <QTest>

using namespace awb;
using test::goodCall;
using test::j;

class TestJsonLinesRejects : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_s.isValid());
        m_s.next();
    }

    void skipsBlankLinesSilently()
    {
        const std::string file = test::writeFile(m_s.filePath(QStringLiteral("blank.jsonl")),
                                                 "\xEF\xBB\xBF" + goodCall(1) + "\n\n   \n\t\r\n" +
                                                     goodCall(2) + "\r\n\n{broken\n\n");
        const auto report = m_s.run({file});
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections.at(0).line, 7);
    }

    void emptyFileIsNotAnError()
    {
        const auto report = m_s.run({test::writeFile(m_s.filePath(QStringLiteral("empty.jsonl")), "")});
        QCOMPARE(report.rowsRead, 0);
        QCOMPARE(report.imported, 0);
        QCOMPARE(report.rejected, 0);
    }

    void rejectsBadLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        const auto row = [](const char *name, const std::string &line, const char *reason) {
            QTest::newRow(name) << QByteArray::fromStdString(line) << QString::fromUtf8(reason);
        };
        const std::string head = j("{'type':'track','event':'E','timestamp':'2024-01-01',");
        const std::string ids = j("'userId':'u9'");
        const std::string big(1025, 'x');
        row("malformed JSON", j("{'type':'track','event':'E',"), "malformed JSON");
        row("trailing garbage", head + ids + "} x", "malformed JSON");
        row("bad literal inside properties", head + ids + j(",'properties':{'a':tru}}"), "malformed JSON");
        row("raw control character in a string", head + j("'userId':'u") + "\x01" + j("'}"),
            "malformed JSON");
        row("too deeply nested",
            head + ids + j(",'properties':") + std::string(2000, '[') + std::string(2000, ']') + "}",
            "malformed JSON");
        row("not an object: array", "[1,2,3]", "not a JSON object");
        row("not an object: string", j("'track'"), "not a JSON object");
        row("not an object: number", "42", "not a JSON object");
        row("unknown type", j("{'type':'alias','userId':'u','previousId':'p','timestamp':'2024-01-01'}"),
            "unknown or unsupported call type 'alias'");
        row("type not a string", j("{'type':7,'event':'E','userId':'u','timestamp':'2024-01-01'}"),
            "type must be a string");
        row("no type, no event", j("{'userId':'u','timestamp':'2024-01-01'}"), "missing type");
        row("track without event", j("{'type':'track','userId':'u','timestamp':'2024-01-01'}"),
            "track call without an event name");
        row("track with empty event", j("{'type':'track','event':'','userId':'u','timestamp':'2024-01-01'}"),
            "track call without an event name");
        row("event is a number", j("{'type':'track','event':5,'userId':'u','timestamp':'2024-01-01'}"),
            "event must be a string");
        row("no ids", j("{'type':'track','event':'E','timestamp':'2024-01-01'}"),
            "missing both userId and anonymousId");
        row("null and empty ids", head + j("'userId':null,'anonymousId':''}"),
            "missing both userId and anonymousId");
        row("userId is an object", head + j("'userId':{'id':1}}"), "userId must be a string or an integer");
        row("userId is a fraction", head + j("'userId':1.5}"), "userId must be a string or an integer");
        row("anonymousId is a boolean", head + j("'anonymousId':true}"),
            "anonymousId must be a string or an integer");
        row("messageId is an array", head + ids + j(",'messageId':['m']}"),
            "messageId must be a string or an integer");
        row("properties is an array", head + ids + j(",'properties':[1]}"), "properties must be an object");
        row("properties is a string", head + ids + j(",'properties':'{}'}"), "properties must be an object");
        row("context is a number", head + ids + j(",'context':3}"), "context must be an object");
        row("traits is a string", j("{'type':'identify','userId':'u','timestamp':'2024-01-01','traits':'x'}"),
            "traits must be an object");
        row("missing timestamp", j("{'type':'track','event':'E','userId':'u'}"), "missing timestamp");
        row("impossible date",
            j("{'type':'track','event':'E','userId':'u','timestamp':'2021-02-30T00:00:00Z'}"),
            "unparseable timestamp '2021-02-30T00:00:00Z'");
        row("hour 25", j("{'type':'track','event':'E','userId':'u','timestamp':'2021-02-03 25:00'}"),
            "unparseable timestamp '2021-02-03 25:00'");
        row("long bad timestamp is truncated",
            j("{'type':'track','event':'E','userId':'u','timestamp':'") + std::string(30, 'n') +
                std::string(100, 'y') + j("'}"),
            "unparseable timestamp 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnyyyyyyyyyy...'");
        row("timestamp is a boolean", j("{'type':'track','event':'E','userId':'u','timestamp':false}"),
            "timestamp must be a string or a number");
        row("bad fallback timestamp",
            j("{'type':'track','event':'E','userId':'u','originalTimestamp':'soon'}"),
            "unparseable originalTimestamp 'soon'");
        row("invalid UTF-8 in a value", head + j("'userId':'u") + "\xff\xfe" + j("'}"), "invalid UTF-8");
        row("overlong UTF-8 encoding", head + j("'userId':'u") + "\xc0\xaf" + j("'}"), "invalid UTF-8");
        row("invalid UTF-8 in a key", head + ids + j(",'properties':{'") + "\xe2\x28\xa1" + j("':1}}"),
            "invalid UTF-8");
        row("userId too long", head + j("'userId':'") + big + j("'}"), "userId longer than 1024 bytes");
        row("anonymousId too long", head + j("'anonymousId':'") + big + j("'}"),
            "anonymousId longer than 1024 bytes");
        row("messageId too long", head + ids + j(",'messageId':'") + big + j("'}"),
            "messageId longer than 1024 bytes");
        row("event name too long",
            j("{'type':'track','userId':'u','timestamp':'2024-01-01','event':'") + big + j("'}"),
            "event name longer than 1024 bytes");
        row("email too long",
            j("{'type':'identify','userId':'u','timestamp':'2024-01-01','traits':{'email':'") + big +
                j("'}}"),
            "traits.email longer than 1024 bytes");
        row("product id too long",
            head + ids + j(",'properties':{'products':[{'product_id':'") + big + j("'}]}}"),
            "products[0].product_id longer than 1024 bytes");
        row("batch is not an array", j("{'batch':{'type':'track'}}"), "batch must be an array");
        const std::string overMiB((1u << 20) + 1, 'v');
        row("property value over 1 MiB", head + ids + j(",'properties':{'note':'") + overMiB + j("'}}"),
            "properties.note longer than 1 MiB");
        row("10 MB value in a nested array",
            head + ids + j(",'context':{'items':[{'a':1},{'note':'") + std::string(10'000'000, 'v') +
                j("'}]}}"),
            "context.items[1].note longer than 1 MiB");
        row("key over 1 MiB", head + ids + j(",'properties':{'") + overMiB + j("':1}}"),
            "a key of properties longer than 1 MiB");
        row("long value inside a batch",
            j("{'batch':[") + head + ids + j(",'traits':{'bio':'") + overMiB + j("'}}]}"),
            "batch[0]: traits.bio longer than 1 MiB");
    }

    // Each bad line sits between two good ones: it is rejected with its line number and reason, the
    // good lines around it are imported.
    void rejectsBadLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, reason);
        const std::string file = m_s.write("bad.jsonl", {goodCall(1), line.toStdString(), goodCall(2)});
        const auto report = m_s.run({file});
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections.size(), std::size_t(1));
        QCOMPARE(report.rejections[0].source, std::string("bad.jsonl"));
        QCOMPARE(report.rejections[0].line, 2);
        const QString got = QString::fromStdString(report.rejections[0].reason);
        QVERIFY2(got.contains(reason), qPrintable(got));
        QCOMPARE(
            m_s.text("SELECT group_concat(message_id, ',') FROM (SELECT message_id FROM events ORDER BY id)"),
            std::string("good-1,good-2"));
        QCOMPARE(m_s.integer("SELECT count(*) FROM import_rejections WHERE line = 2"), 1);
        QCOMPARE(m_s.integer("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    }

    void rejectsBadCallsInsideBatches()
    {
        const std::string file =
            m_s.write("batch.jsonl",
                      {
                          goodCall(1),
                          j("{'batch':[{'type':'track','event':'A','userId':'b1','timestamp':'2024-01-01'},"
                            "17, {'type':'track','event':'B','timestamp':'2024-01-01'},"
                            "{'type':'track','event':'C','userId':'b3','timestamp':'2024-01-01'}]}"),
                      });
        const auto report = m_s.run({file});
        QCOMPARE(report.rowsRead, 5);
        QCOMPARE(report.imported, 3);
        QCOMPARE(report.rejected, 2);
        QCOMPARE(report.rejections[0].line, 2);
        QCOMPARE(report.rejections[0].reason, std::string("batch[1]: not a JSON object"));
        QCOMPARE(report.rejections[1].line, 2);
        QCOMPARE(report.rejections[1].reason, std::string("batch[2]: missing both userId and anonymousId"));
    }

    void rejectsOverlongLine()
    {
        // Just over the 16 MiB default cap, as a properties value.
        const std::string huge = j("{'type':'track','event':'E','userId':'u','timestamp':'2024-01-01',"
                                   "'properties':{'blob':'") +
                                 std::string(16u << 20, 'b') + j("'}}");
        const std::string file = m_s.write("huge.jsonl", {goodCall(1), huge, goodCall(2)});
        const auto report = m_s.run({file});
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections[0].line, 2);
        QCOMPARE(report.rejections[0].reason, std::string("line longer than the limit of 16 MiB"));
    }

    // A 2 GiB line (made as it is read: no disk used) is rejected with its line number, the next line
    // imported, and the import holds no more of it than the line cap: peak memory grows by far less.
    void rejectsTwoGibLineInBoundedMemory()
    {
        test::GeneratedInput input("two-gib.jsonl", goodCall(1) + "\n", std::int64_t(2) << 30, ' ',
                                   "\n" + goodCall(2) + "\n");
        const std::int64_t peakBefore = test::peakRssBytes();
        const auto report = test::runImporter(
            m_s.workspace(), [&](ingest::ImportContext &ctx) { return ingest::importJsonLines(input, ctx); });
        const std::int64_t growth = test::peakRssBytes() - peakBefore;
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections[0].line, 2);
        QCOMPARE(report.rejections[0].reason, std::string("line longer than the limit of 16 MiB"));
        QCOMPARE(input.position(), input.size());
        QVERIFY2(growth < (96 << 20),
                 qPrintable(QStringLiteral("peak RSS grew by %1 MiB").arg(growth >> 20)));
    }

    // An interrupted download: what could be read is imported, the file is reported as truncated.
    void truncatedGzipFileIsReported()
    {
        std::string content;
        for (int i = 0; i < 20000; ++i) {
            content += goodCall(i) + "\n";
        }
        const std::string path = m_s.filePath(QStringLiteral("cut.jsonl.gz")).toStdString();
        gzFile gz = gzopen(path.c_str(), "wb");
        QVERIFY(gz);
        QCOMPARE(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())), int(content.size()));
        QCOMPARE(gzclose(gz), Z_OK);
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2));
        f.close();
        const auto report = m_s.run({path});
        QVERIFY(report.imported > 1000);
        QVERIFY(report.imported < 20000);
        QCOMPARE(report.rejections.back().line, 0);
        QVERIFY2(report.rejections.back().reason.find("truncated gzip data") != std::string::npos,
                 report.rejections.back().reason.c_str());
        QCOMPARE(m_s.integer("SELECT count(*) FROM events"), report.imported);
    }

private:
    test::JsonlScratch m_s;
};

QTEST_GUILESS_MAIN(TestJsonLinesRejects)
#include "tst_JsonLinesRejects.moc"
