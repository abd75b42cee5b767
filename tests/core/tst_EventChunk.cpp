// SPDX-License-Identifier: GPL-3.0-or-later
// The column chunk codec of events: every field comes back as it went in, only the columns asked for are
// decoded, repetitive columns shrink, and a damaged chunk fails with a message naming what is wrong.
#include "store/EventChunk.h"

#include <QTest>

#include <xxhash.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace awb::store;

namespace {

/// An event with its own storage, so that the ChunkEvent views stay valid.
struct OwnedEvent
{
    std::int64_t profileId = 0, nameId = 0, ts = 0;
    int type = 0;
    std::string userId, anonymousId, messageId, properties, context;
    struct Product
    {
        std::string id;
        std::optional<double> price, quantity;
        std::string properties;
    };
    std::vector<Product> products;

    ChunkEvent view() const
    {
        return ChunkEvent{profileId, nameId, ts, type, userId, anonymousId, messageId, properties, context};
    }
    std::vector<ChunkProduct> productViews() const
    {
        std::vector<ChunkProduct> out;
        for (const Product &p : products) {
            out.push_back(ChunkProduct{p.id, p.price, p.quantity, p.properties});
        }
        return out;
    }
};

std::string randomText(std::mt19937_64 &rng)
{
    static const std::vector<std::string> pieces{"", "a", "Zoë", "東京", "\"quoted\"", "{\"k\":1}", "\n\t", "😀",
                                                 std::string("nul\0inside", 10), "P00123"};
    std::string s;
    const int n = static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) {
        s += pieces[rng() % pieces.size()];
    }
    return s;
}

std::optional<double> randomNumber(std::mt19937_64 &rng)
{
    static const std::vector<double> special{0.0, -0.0, 1e-300, -87.99, std::numeric_limits<double>::infinity(),
                                             std::numeric_limits<double>::max(), 12.5};
    if (rng() % 4 == 0) {
        return std::nullopt;
    }
    return special[rng() % special.size()];
}

std::vector<OwnedEvent> randomEvents(std::size_t count, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<OwnedEvent> events(count);
    for (OwnedEvent &e : events) {
        // Ids and times jump both ways, up to the edges of their range, to exercise the zigzag deltas.
        e.profileId = rng() % 7 == 0 ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(rng() % 1000);
        e.nameId = static_cast<std::int64_t>(rng() % 50);
        e.ts = rng() % 9 == 0 ? std::numeric_limits<std::int64_t>::min()
                              : 1'700'000'000'000 + static_cast<std::int64_t>(rng() % 1'000'000'000) - 500'000'000;
        e.type = static_cast<int>(rng() % 4);
        e.userId = randomText(rng);
        e.anonymousId = randomText(rng);
        e.messageId = randomText(rng);
        e.properties = "{\"t\":\"" + randomText(rng) + "\"}";
        e.context = rng() % 2 ? std::string() : randomText(rng);
        const int products = static_cast<int>(rng() % 4);
        for (int p = 0; p < products; ++p) {
            e.products.push_back({randomText(rng), randomNumber(rng), randomNumber(rng), randomText(rng)});
        }
    }
    return events;
}

std::vector<unsigned char> encode(const std::vector<OwnedEvent> &events, int level = 3)
{
    EventChunkEncoder encoder(level);
    for (const OwnedEvent &e : events) {
        const auto products = e.productViews();
        encoder.add(e.view(), products);
    }
    return encoder.finish();
}

bool sameNumber(const std::optional<double> &a, const std::optional<double> &b)
{
    if (a.has_value() != b.has_value()) {
        return false;
    }
    return !a || (*a == *b && std::signbit(*a) == std::signbit(*b));
}

QString failureOf(const std::vector<unsigned char> &blob, ChunkColumns columns = ChunkColumns::all())
{
    try {
        EventChunkDecoder decoder(blob, columns);
    } catch (const ChunkError &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

/// The blob with its checksum made to match its (changed) contents again, to reach the checks behind it.
std::vector<unsigned char> resealed(std::vector<unsigned char> blob)
{
    blob.resize(blob.size() - 8);
    std::uint64_t sum = XXH3_64bits(blob.data(), blob.size());
    for (int i = 0; i < 8; ++i, sum >>= 8) {
        blob.push_back(static_cast<unsigned char>(sum));
    }
    return blob;
}

} // namespace

class TestEventChunk : public QObject
{
    Q_OBJECT

private slots:
    void everyFieldComesBackAsItWentIn()
    {
        const auto events = randomEvents(3000, 1);
        const auto blob = encode(events);
        const EventChunkDecoder decoder(blob);
        QCOMPARE(decoder.size(), events.size());
        for (std::size_t i = 0; i < events.size(); ++i) {
            const OwnedEvent &want = events[i];
            const ChunkEvent got = decoder.event(i);
            QCOMPARE(got.profileId, want.profileId);
            QCOMPARE(got.nameId, want.nameId);
            QCOMPARE(got.timestampMs, want.ts);
            QCOMPARE(got.type, want.type);
            QCOMPARE(got.userId, std::string_view(want.userId));
            QCOMPARE(got.anonymousId, std::string_view(want.anonymousId));
            QCOMPARE(got.messageId, std::string_view(want.messageId));
            QCOMPARE(got.properties, std::string_view(want.properties));
            QCOMPARE(got.context, std::string_view(want.context));
            const auto products = decoder.products(i);
            QCOMPARE(products.size(), want.products.size());
            for (std::size_t p = 0; p < products.size(); ++p) {
                QCOMPARE(products[p].productId, std::string_view(want.products[p].id));
                QVERIFY(sameNumber(products[p].price, want.products[p].price));
                QVERIFY(sameNumber(products[p].quantity, want.products[p].quantity));
                QCOMPARE(products[p].properties, std::string_view(want.products[p].properties));
            }
        }
    }

    void aHugeFieldAndAnEmptyChunkRoundTrip()
    {
        OwnedEvent e;
        e.userId = "u1";
        e.properties = "{\"description\":\"" + std::string(1 << 20, 'x') + "\"}";
        const auto blob = encode({e});
        const EventChunkDecoder decoder(blob);
        QCOMPARE(decoder.size(), std::size_t{1});
        QCOMPARE(decoder.event(0).properties.size(), e.properties.size());
        QVERIFY(blob.size() < 10'000); // a run of one letter compresses

        const auto empty = encode({});
        const EventChunkDecoder none(empty);
        QCOMPARE(none.size(), std::size_t{0});
    }

    void onlyTheColumnsAskedForAreDecoded()
    {
        const auto events = randomEvents(200, 2);
        const auto blob = encode(events);
        const EventChunkDecoder decoder(blob, {ChunkColumn::Profile, ChunkColumn::Time, ChunkColumn::ProductCount,
                                               ChunkColumn::ProductPrice});
        for (std::size_t i = 0; i < events.size(); ++i) {
            const ChunkEvent got = decoder.event(i);
            QCOMPARE(got.profileId, events[i].profileId);
            QCOMPARE(got.timestampMs, events[i].ts);
            QCOMPARE(got.nameId, std::int64_t{0});
            QVERIFY(got.userId.empty());
            QVERIFY(got.properties.empty());
            const auto products = decoder.products(i);
            QCOMPARE(products.size(), events[i].products.size());
            for (std::size_t p = 0; p < products.size(); ++p) {
                QVERIFY(sameNumber(products[p].price, events[i].products[p].price));
                QVERIFY(products[p].productId.empty());
            }
        }
        const EventChunkDecoder noProducts(blob, {ChunkColumn::Name});
        QVERIFY(noProducts.products(0).empty());
    }

    void theEncoderStartsAfreshAfterEachChunk()
    {
        const auto first = randomEvents(100, 3);
        const auto second = randomEvents(100, 4);
        EventChunkEncoder encoder;
        std::vector<std::vector<unsigned char>> blobs;
        for (const auto *events : {&first, &second}) {
            for (const OwnedEvent &e : *events) {
                const auto products = e.productViews();
                encoder.add(e.view(), products);
            }
            QCOMPARE(encoder.size(), std::size_t{100});
            blobs.push_back(encoder.finish());
            QCOMPARE(encoder.size(), std::size_t{0});
        }
        QVERIFY(blobs[1] == encode(second)); // the same bytes as a fresh encoder's
        QVERIFY(blobs[0] == encode(first));
    }

    void minAndMaxTimesAreTracked()
    {
        auto events = randomEvents(50, 5);
        std::int64_t lo = events[0].ts;
        std::int64_t hi = events[0].ts;
        EventChunkEncoder encoder;
        for (const OwnedEvent &e : events) {
            encoder.add(e.view());
            lo = std::min(lo, e.ts);
            hi = std::max(hi, e.ts);
        }
        QCOMPARE(encoder.minTimestampMs(), lo);
        QCOMPARE(encoder.maxTimestampMs(), hi);
    }

    void repetitiveColumnsShrink()
    {
        // Events shaped like a shop's: a few names, product properties repeated for each view of a product.
        std::vector<OwnedEvent> events(20'000);
        for (std::size_t i = 0; i < events.size(); ++i) {
            OwnedEvent &e = events[i];
            e.profileId = static_cast<std::int64_t>(i / 30);
            e.nameId = static_cast<std::int64_t>(i % 5);
            e.ts = 1'760'000'000'000 + static_cast<std::int64_t>(i) * 17'000;
            e.userId = "cust-" + std::to_string(i / 30);
            e.messageId = "sample-7-" + std::to_string(i);
            const std::string product = "P" + std::to_string(i % 400);
            e.properties = "{\"product_id\":\"" + product + "\",\"brand\":\"TrailFox\",\"category\":\"Sports\"}";
            e.products.push_back({product, 87.99, 1.0, "{\"name\":\"TrailFox Air GPS Watch " + product + "\"}"});
        }
        EventChunkEncoder encoder;
        for (const OwnedEvent &e : events) {
            const auto products = e.productViews();
            encoder.add(e.view(), products);
        }
        const std::size_t decoded = encoder.decodedBytes();
        const auto blob = encoder.finish();
        QVERIFY2(blob.size() * 8 < decoded, qPrintable(QStringLiteral("%1 bytes from %2").arg(blob.size()).arg(decoded)));
        QVERIFY2(blob.size() / events.size() < 20, qPrintable(QString::number(blob.size())));
    }

    void aDamagedChunkFailsNamingWhatIsWrong()
    {
        const auto blob = encode(randomEvents(40, 6));
        QVERIFY(failureOf(blob).isEmpty());

        auto wrongMagic = blob;
        wrongMagic[0] = 'X';
        QVERIFY(failureOf(wrongMagic).contains(QLatin1String("not an event chunk")));

        auto newer = blob;
        newer[4] = 2;
        QVERIFY(failureOf(newer).contains(QLatin1String("checksum")));
        QVERIFY(failureOf(resealed(newer)).contains(QLatin1String("format version 2 is newer")));

        // Every cut-short chunk fails (and never reads past its end: the sanitizer build checks that).
        for (std::size_t size = 0; size < blob.size(); ++size) {
            const std::vector<unsigned char> cut(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(size));
            QVERIFY2(!failureOf(cut).isEmpty(), qPrintable(QStringLiteral("cut at %1").arg(size)));
        }

        // Any changed byte is found by the checksum, before anything is decoded.
        std::mt19937_64 rng(7);
        for (int i = 0; i < 300; ++i) {
            auto hit = blob;
            const std::size_t at = rng() % hit.size();
            hit[at] = static_cast<unsigned char>(hit[at] ^ (1u + rng() % 255));
            const QString failure = failureOf(hit);
            QVERIFY2(failure.startsWith(QLatin1String("event chunk: ")), qPrintable(QString::number(at)));
        }
        // Behind a matching checksum, damaged sizes and values still fail cleanly (or decode to other values).
        int caughtInside = 0;
        for (int i = 0; i < 2000; ++i) {
            auto hit = blob;
            const std::size_t at = 5 + rng() % (hit.size() - 13);
            hit[at] = static_cast<unsigned char>(hit[at] ^ (1u + rng() % 255));
            const QString failure = failureOf(resealed(hit));
            QVERIFY2(failure.isEmpty() || failure.startsWith(QLatin1String("event chunk: ")), qPrintable(failure));
            caughtInside += failure.isEmpty() ? 0 : 1;
        }
        QVERIFY(caughtInside > 0);
        auto longer = blob;
        longer.push_back(0);
        QVERIFY(failureOf(longer).contains(QLatin1String("damaged")));
    }

    void aStoredColumnIsReadWithoutDecompression()
    {
        // One event: every column is too short to gain from zstd, so each is stored as it is.
        OwnedEvent e;
        e.profileId = 42;
        e.userId = "u";
        const auto blob = encode({e});
        const EventChunkDecoder decoder(blob);
        QCOMPARE(decoder.event(0).profileId, std::int64_t{42});
        QCOMPARE(decoder.event(0).userId, std::string_view("u"));
    }
};

QTEST_APPLESS_MAIN(TestEventChunk)
#include "tst_EventChunk.moc"
