// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4180 record reading: quoting, embedded delimiters / quotes / line breaks, CRLF, whitespace
// delimiter, blank lines, malformed records, and the wizard's preview.
#include "TestUtil.h"
#include "ingest/CsvPresets.h"
#include "ingest/CsvReader.h"
#include "ingest/InputFile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace awb;

namespace {
// Each record as "line:field|field|..." or "line!error".
QStringList readAll(const QString &path, char delimiter)
{
    auto file = ingest::InputFile::open(path.toStdString());
    if (!file) {
        return {QStringLiteral("open failed")};
    }
    ingest::CsvReader reader(**file, delimiter);
    ingest::CsvReader::Record rec;
    QStringList out;
    while (reader.next(rec)) {
        QString s = QString::number(rec.line);
        if (!rec.error.empty()) {
            out << s + QLatin1Char('!') + QString::fromStdString(rec.error);
            continue;
        }
        QStringList fields;
        for (std::size_t i = 0; i < rec.size(); ++i) {
            fields << QString::fromStdString(std::string(rec.field(i)));
        }
        out << s + QLatin1Char(':') + fields.join(QLatin1Char('|'));
    }
    return out;
}
} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void records_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<char>("delimiter");
        QTest::addColumn<QStringList>("expected");
        const QStringList twoRows{QStringLiteral("1:a|b|c"), QStringLiteral("2:1|2|3")};
        QTest::newRow("plain") << QByteArray("a,b,c\n1,2,3\n") << ',' << twoRows;
        QTest::newRow("no final newline") << QByteArray("a,b,c\n1,2,3") << ',' << twoRows;
        QTest::newRow("crlf") << QByteArray("a,b,c\r\n1,2,3\r\n") << ',' << twoRows;
        QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF"
                                                 "a,b,c\n1,2,3\n")
                                   << ',' << twoRows;
        QTest::newRow("quoted delimiter")
            << QByteArray("\"x,y\",2\n") << ',' << QStringList{QStringLiteral("1:x,y|2")};
        QTest::newRow("doubled quotes")
            << QByteArray("\"say \"\"hi\"\"\",\"\"\n") << ',' << QStringList{QStringLiteral("1:say \"hi\"|")};
        QTest::newRow("embedded newline keeps the first line number")
            << QByteArray("id,text\n1,\"two\nlines\"\n2,after\n") << ','
            << QStringList{QStringLiteral("1:id|text"), QStringLiteral("2:1|two\nlines"),
                           QStringLiteral("4:2|after")};
        QTest::newRow("embedded crlf becomes newline")
            << QByteArray("1,\"a\r\n\r\nb\"\r\n2,c\r\n") << ','
            << QStringList{QStringLiteral("1:1|a\n\nb"), QStringLiteral("4:2|c")};
        QTest::newRow("empty fields and trailing delimiter")
            << QByteArray(",,\na,\n") << ',' << QStringList{QStringLiteral("1:||"), QStringLiteral("2:a|")};
        QTest::newRow("blank lines skipped, numbers kept")
            << QByteArray("a\n\n  \nb\n") << ',' << QStringList{QStringLiteral("1:a"), QStringLiteral("4:b")};
        QTest::newRow("stray quote inside a field is literal")
            << QByteArray("ab\"c,\"d\"e\n") << ',' << QStringList{QStringLiteral("1:ab\"c|de")};
        QTest::newRow("semicolon") << QByteArray("a;\"b;c\"\n") << ';'
                                   << QStringList{QStringLiteral("1:a|b;c")};
        QTest::newRow("tab") << QByteArray("a\tb c\n") << '\t' << QStringList{QStringLiteral("1:a|b c")};
        QTest::newRow("whitespace runs (CDNOW)")
            << QByteArray(" 00001 19970101  1   11.77\r\n\t00002\t19970112 5 77.00  \r\n") << ' '
            << QStringList{QStringLiteral("1:00001|19970101|1|11.77"),
                           QStringLiteral("2:00002|19970112|5|77.00")};
        QTest::newRow("whitespace with a quoted field")
            << QByteArray("a \"b c\"  d\n") << ' ' << QStringList{QStringLiteral("1:a|b c|d")};
        QTest::newRow("unterminated quote loses only its line")
            << QByteArray("ok,1\n\"open,2\nmore,3\n\nlast,4\n") << ','
            << QStringList{
                   QStringLiteral("1:ok|1"),
                   QStringLiteral("2!unterminated quoted field on line 2; reading goes on at line 3"),
                   QStringLiteral("3:more|3"), QStringLiteral("5:last|4")};
        QTest::newRow("unterminated quote on the last line")
            << QByteArray("ok,1\n\"open,2\n") << ','
            << QStringList{QStringLiteral("1:ok|1"),
                           QStringLiteral("2!unterminated quoted field on line 2, the last line")};
    }

    void records()
    {
        QFETCH(QByteArray, text);
        QFETCH(char, delimiter);
        QFETCH(QStringList, expected);
        const QString path = m_dir.filePath(QStringLiteral("in.csv"));
        test::writeFile(path, text.toStdString());
        QCOMPARE(readAll(path, delimiter), expected);
    }

    // With the header's width known, a quote that pairs with a stray quote lines later makes a record of
    // the wrong width: it is given up and the lines read again, so two bad lines cost two records; a
    // quoted field over two lines with the right width is one record.
    void unbalancedQuotesResynchronise()
    {
        const QString path = m_dir.filePath(QStringLiteral("stray.csv"));
        test::writeFile(path, "a,b,c\n1,\"bad,x\n2,y,\"z\n3,p,q\n4,\"two, words\",ok\n6,\"multi\nline\",end\n");
        auto file = ingest::InputFile::open(path.toStdString());
        QVERIFY(file);
        ingest::CsvReader reader(**file, ',');
        reader.setExpectedFields(3);
        ingest::CsvReader::Record rec;
        QStringList got;
        while (reader.next(rec)) {
            got << QString::number(rec.line) + QLatin1Char(rec.error.empty() ? ':' : '!') +
                       (rec.error.empty() ? QString::fromStdString(rec.fields().back())
                                          : QString::fromStdString(rec.error));
        }
        QCOMPARE(got, (QStringList{
                          QStringLiteral("1:c"),
                          QStringLiteral("2!unbalanced quote (the record it opens has 2 fields, not 3) on line "
                                         "2; reading goes on at line 3"),
                          QStringLiteral("3!unbalanced quote (the record it opens has 5 fields, not 3) on line "
                                         "3; reading goes on at line 4"),
                          QStringLiteral("4:q"), QStringLiteral("5:ok"), QStringLiteral("6:end")}));
    }

    void overLongFieldIsAnErrorAndReadingGoesOn()
    {
        const std::string big(ingest::CsvReader::kMaxFieldBytes + 10, 'x');
        const QString path = m_dir.filePath(QStringLiteral("long.csv"));
        test::writeFile(path, "a,b\n1,\"" + big + "\"\n2,ok\n");
        const QStringList got = readAll(path, ',');
        QCOMPARE(got.size(), 3);
        QCOMPARE(got[1], QStringLiteral("2!field 2 is longer than 1 MiB"));
        QCOMPARE(got[2], QStringLiteral("3:2|ok"));
    }

    void overLongLineIsAnErrorAndReadingGoesOn()
    {
        std::string line;
        const std::string part(ingest::CsvReader::kMaxFieldBytes - 10, 'y');
        for (int i = 0; i < 6; ++i) {
            line += part + ",";
        }
        const QString path = m_dir.filePath(QStringLiteral("longline.csv"));
        test::writeFile(path, "a,b\n" + line + "\n2,ok\n");
        const QStringList got = readAll(path, ',');
        QCOMPARE(got.size(), 3);
        QCOMPARE(got[1], QStringLiteral("2!line 2 is longer than 4 MiB"));
        QCOMPARE(got[2], QStringLiteral("3:2|ok"));
    }

    void readsCompressedInput()
    {
        // "a,b\n1,2\n" gzip-compressed.
        const QByteArray gz = QByteArray::fromBase64("H4sIAAAAAAAAA0vUSeIy1DHiAgB7B5cKCAAAAA==");
        const QString path = m_dir.filePath(QStringLiteral("in.csv.gz"));
        test::writeFile(path, gz.toStdString());
        QCOMPARE(readAll(path, ','), (QStringList{QStringLiteral("1:a|b"), QStringLiteral("2:1|2")}));
    }

    void previewWithAndWithoutHeader()
    {
        const QString path = m_dir.filePath(QStringLiteral("p.csv"));
        test::writeFile(path, "x,y\n1,\"a,b\"\n2,c,extra\n3,d\n");
        ingest::CsvMapping mapping;
        auto withHeader = ingest::previewCsv(path.toStdString(), mapping, 2);
        QVERIFY(withHeader);
        QCOMPARE(withHeader->header, (std::vector<std::string>{"x", "y", "3"}));
        QCOMPARE(withHeader->rows.size(), std::size_t(2));
        QCOMPARE(withHeader->rows[0], (std::vector<std::string>{"1", "a,b"}));

        mapping.hasHeader = false;
        auto headerless = ingest::previewCsv(path.toStdString(), mapping, 10);
        QVERIFY(headerless);
        QCOMPARE(headerless->header, (std::vector<std::string>{"1", "2", "3"}));
        QCOMPARE(headerless->rows.size(), std::size_t(4));
        QCOMPARE(headerless->rows[0], (std::vector<std::string>{"x", "y"}));
    }

    void previewOfMissingFileFails()
    {
        auto preview = ingest::previewCsv(m_dir.filePath(QStringLiteral("none.csv")).toStdString(), {}, 5);
        QVERIFY(!preview);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_CsvReader.moc"
