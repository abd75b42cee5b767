// SPDX-License-Identifier: GPL-3.0-or-later
// Line splitting of plain, .gz and .xz inputs: terminators, blank lines, the line-length cap.
#include "HugeInput.h"
#include "TestUtil.h"
#include "ingest/InputFile.h"
#include "ingest/LineReader.h"

#include <lzma.h>
#include <zlib.h>

#include <QTemporaryDir>
#include <QTest>

#include <string>
#include <vector>

using namespace awb;

namespace {

struct ReadLine
{
    std::string text;
    std::int64_t number = 0;
    bool tooLong = false;
    bool operator==(const ReadLine &o) const
    {
        return text == o.text && number == o.number && tooLong == o.tooLong;
    }
};

std::vector<ReadLine> readAll(const std::string &path,
                              std::size_t cap = ingest::LineReader::kDefaultMaxLineBytes)
{
    auto file = ingest::InputFile::open(path);
    if (!file) {
        throw std::runtime_error(file.error().message);
    }
    ingest::LineReader reader(**file, cap);
    std::vector<ReadLine> lines;
    ingest::LineReader::Line line;
    while (reader.next(line)) {
        if (!line.tooLong) {
            // The reader promises padding after every line: touch it (a sanitizer build catches a lie).
            volatile char last = line.text.data()[line.text.size() + ingest::LineReader::kPadding - 1];
            (void)last;
        }
        lines.push_back({std::string(line.text), line.number, line.tooLong});
    }
    return lines;
}

void writeGzip(const std::string &path, const std::string &data)
{
    gzFile gz = gzopen(path.c_str(), "wb");
    QVERIFY(gz);
    QCOMPARE(gzwrite(gz, data.data(), static_cast<unsigned>(data.size())), static_cast<int>(data.size()));
    QCOMPARE(gzclose(gz), Z_OK);
}

void writeXz(const QString &path, const std::string &data)
{
    std::string out(lzma_stream_buffer_bound(data.size()), '\0');
    std::size_t written = 0;
    const lzma_ret ret =
        lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, nullptr, reinterpret_cast<const uint8_t *>(data.data()),
                                data.size(), reinterpret_cast<uint8_t *>(out.data()), &written, out.size());
    QCOMPARE(ret, LZMA_OK);
    out.resize(written);
    test::writeFile(path, out);
}

} // namespace

class TestLineReader : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void splitsLines_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArrayList>("expected");
        QTest::newRow("LF") << QByteArray("a\nbb\nccc\n") << QByteArrayList{"a", "bb", "ccc"};
        QTest::newRow("CRLF") << QByteArray("a\r\nbb\r\n") << QByteArrayList{"a", "bb"};
        QTest::newRow("no final newline") << QByteArray("a\nlast") << QByteArrayList{"a", "last"};
        QTest::newRow("CRLF, no final newline") << QByteArray("a\r\nlast\r") << QByteArrayList{"a", "last"};
        QTest::newRow("empty lines kept") << QByteArray("a\n\n\r\nb\n") << QByteArrayList{"a", "", "", "b"};
        QTest::newRow("only a newline") << QByteArray("\n") << QByteArrayList{""};
        QTest::newRow("empty file") << QByteArray() << QByteArrayList{};
        QTest::newRow("inner CR kept") << QByteArray("a\rb\n") << QByteArrayList{"a\rb"};
    }

    void splitsLines()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArrayList, expected);
        const std::string path =
            test::writeFile(m_dir.filePath(QStringLiteral("lines.txt")), content.toStdString());
        const std::vector<ReadLine> lines = readAll(path);
        QCOMPARE(static_cast<qsizetype>(lines.size()), expected.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            QCOMPARE(QByteArray::fromStdString(lines[i].text), expected[static_cast<qsizetype>(i)]);
            QCOMPARE(lines[i].number, static_cast<std::int64_t>(i + 1));
            QVERIFY(!lines[i].tooLong);
        }
    }

    void reportsOverlongLines_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("terminated");
        QTest::newRow("just over the cap") << 1025 << true;
        QTest::newRow("far over the cap, several read chunks") << (3 << 20) << true;
        QTest::newRow("over the cap, last line without newline") << 5000 << false;
    }

    // With a 1 KiB cap: a line of exactly 1 KiB is kept, a longer one is reported tooLong with its
    // number and empty text, and the lines after it are read correctly.
    void reportsOverlongLines()
    {
        QFETCH(int, length);
        QFETCH(bool, terminated);
        const std::string exact(1024, 'e');
        std::string content = "first\n" + exact + "\n" + std::string(static_cast<std::size_t>(length), 'x');
        if (terminated) {
            content += "\r\nafter\n";
        }
        const std::string path = test::writeFile(m_dir.filePath(QStringLiteral("long.txt")), content);
        const std::vector<ReadLine> lines = readAll(path, 1024);
        std::vector<ReadLine> expected = {{"first", 1, false}, {exact, 2, false}, {"", 3, true}};
        if (terminated) {
            expected.push_back({"after", 4, false});
        }
        QCOMPARE(lines.size(), expected.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            QCOMPARE(lines[i].number, expected[i].number);
            QCOMPARE(lines[i].tooLong, expected[i].tooLong);
            QVERIFY(lines[i].text == expected[i].text);
        }
    }

    // A 2 GiB line (made as it is read) is reported tooLong and skipped, the line after it read; the reader
    // holds at most its cap and one read chunk of it, so peak memory grows by far less than the line.
    void twoGibLineCostsNoMoreThanTheCap()
    {
        test::GeneratedInput input("huge.txt", "first\n", std::int64_t(2) << 30, 'x', "\nafter\n");
        const std::int64_t peakBefore = test::peakRssBytes();
        ingest::LineReader reader(input);
        std::vector<ReadLine> lines;
        ingest::LineReader::Line line;
        while (reader.next(line)) {
            lines.push_back({std::string(line.text), line.number, line.tooLong});
        }
        const std::int64_t growth = test::peakRssBytes() - peakBefore;
        const std::vector<ReadLine> expected = {{"first", 1, false}, {"", 2, true}, {"after", 3, false}};
        QVERIFY(lines == expected);
        QCOMPARE(input.position(), input.size()); // every byte went through the reader
        // The 16 MiB cap plus a 1 MiB read chunk, with room for the allocator; the line is 2048 MiB.
        QVERIFY2(growth < (64 << 20),
                 qPrintable(QStringLiteral("peak RSS grew by %1 MiB").arg(growth >> 20)));
    }

    // Enough data to span several read chunks, with CRLF, blank and long lines: .gz and .xz read
    // exactly like the plain file.
    void compressedReadsLikePlain()
    {
        std::string content;
        for (int i = 0; i < 60000; ++i) {
            content += "{\"line\":" + std::to_string(i) + ",\"pad\":\"" + std::string(i % 97, 'p') + "\"}";
            content += i % 7 == 0 ? "\r\n" : "\n";
            if (i % 1000 == 0) {
                content += "\n";
            }
        }
        content += "no newline at the end";
        const std::string plain = test::writeFile(m_dir.filePath(QStringLiteral("events.jsonl")), content);
        const QString gz = m_dir.filePath(QStringLiteral("events.jsonl.gz"));
        const QString xz = m_dir.filePath(QStringLiteral("events.jsonl.xz"));
        writeGzip(gz.toStdString(), content);
        writeXz(xz, content);

        const std::vector<ReadLine> expected = readAll(plain);
        QCOMPARE(expected.size(), std::size_t(60000 + 60 + 1));
        QCOMPARE(expected.back().text, std::string("no newline at the end"));
        QVERIFY(readAll(gz.toStdString()) == expected);
        QVERIFY(readAll(xz.toStdString()) == expected);
    }

    void truncatedCompressedDataThrows_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("garbage");
        QTest::newRow("gz cut short") << QStringLiteral("cut.gz") << false;
        QTest::newRow("gz cut short, then garbage") << QStringLiteral("garbage.gz") << true;
        QTest::newRow("xz cut short") << QStringLiteral("cut.xz") << false;
        QTest::newRow("xz cut short, then garbage") << QStringLiteral("garbage.xz") << true;
    }

    // An interrupted download must not read as a shorter, valid file.
    void truncatedCompressedDataThrows()
    {
        QFETCH(QString, name);
        QFETCH(bool, garbage);
        std::string content;
        for (int i = 0; i < 20000; ++i) {
            content += "line " + std::to_string(i * 7919 % 10007) + "\n";
        }
        const QString path = m_dir.filePath(name);
        if (name.endsWith(QLatin1String(".gz"))) {
            writeGzip(path.toStdString(), content);
        } else {
            writeXz(path, content);
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        bytes.truncate(bytes.size() / 2);
        if (garbage) {
            bytes.append(QByteArray(64, '\x55'));
        }
        QVERIFY(f.resize(0));
        QCOMPARE(f.write(bytes), bytes.size());
        f.close();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readAll(path.toStdString()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestLineReader)
#include "tst_LineReader.moc"
