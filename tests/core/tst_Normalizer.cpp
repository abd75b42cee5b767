// SPDX-License-Identifier: GPL-3.0-or-later
// The export normaliser against hand-checked values and SHA-256 vectors (computed with
// `printf %s VALUE | sha256sum`).
#include "export/Normalizer.h"

#include <QTest>

using namespace awb::exports;

namespace {

// kind: email, gmail (Google rule), phone (param = default calling code), name, city, state, country, zip
// (param = country code).
std::string normalize(const QString &kind, const std::string &raw, const std::string &param)
{
    if (kind == QLatin1String("email")) {
        return normalizeEmail(raw);
    }
    if (kind == QLatin1String("gmail")) {
        return normalizeEmail(raw, EmailRule::Google);
    }
    if (kind == QLatin1String("phone")) {
        return normalizePhone(raw, param);
    }
    if (kind == QLatin1String("name")) {
        return normalizeName(raw);
    }
    if (kind == QLatin1String("city")) {
        return normalizeCity(raw);
    }
    if (kind == QLatin1String("state")) {
        return normalizeState(raw, param);
    }
    if (kind == QLatin1String("country")) {
        return normalizeCountry(raw);
    }
    return normalizeZip(raw, param);
}

} // namespace

class TestNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void normalizes_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("sha256"); // of expected; empty = not checked
        const auto row = [](const char *tag, const char *kind, const char *raw, const char *param,
                            const char *expected, const char *sha = "") {
            QTest::newRow(tag) << QString::fromUtf8(kind) << QString::fromUtf8(raw)
                               << QString::fromUtf8(param) << QString::fromUtf8(expected)
                               << QString::fromUtf8(sha);
        };
        const char *kTest = "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674";
        row("email plain", "email", "test@gmail.com", "", "test@gmail.com", kTest);
        row("email trim case", "email", "  Test@GMAIL.com \t", "", "test@gmail.com", kTest);
        row("email keeps dots and +suffix", "email", "John.Doe+news@Example.com", "",
            "john.doe+news@example.com", "2605d3cdb53ba35bbd640f40ff5f9561c046675b136c4899e45e8653835e04f2");
        row("gmail drops dots", "gmail", "John.Doe+news@GMail.com", "", "johndoe+news@gmail.com",
            "61fbbb1bf4c3f4edb2629791e6f6df6f0f438830256b217e98ac52b6ee368959");
        row("googlemail drops dots", "gmail", "a.b@googlemail.com", "", "ab@googlemail.com");
        row("google rule other domain", "gmail", "a.b@example.com", "", "a.b@example.com");
        row("email unicode lower", "email", "ÉLODIE@example.fr", "", "élodie@example.fr");
        row("email without at", "email", "not-an-email", "", "");
        row("email without domain dot", "email", "a@localhost", "", "");
        row("email inner space", "email", "a b@example.com", "", "");
        row("phone international", "phone", "+1 (650) 555-1212", "", "16505551212",
            "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
        row("phone national us", "phone", "(650) 555-1212", "1", "16505551212",
            "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
        row("phone has country code", "phone", "1-650-555-1212", "1", "16505551212");
        row("phone national trunk zero", "phone", "020 7946 0958", "44", "442079460958");
        row("phone 00 prefix", "phone", "0044 20 7946 0958", "1", "442079460958");
        row("phone (0) after prefix", "phone", "+44 (0)20 7946 0958", "", "442079460958");
        row("phone extension cut", "phone", "650-555-1212 ext. 12", "1", "16505551212");
        row("phone tel uri", "phone", "tel:+33 1 23 45 67 89", "", "33123456789");
        row("phone too short", "phone", "12", "1", "");
        row("phone too long", "phone", "+1234567890123456", "", "");
        row("name punctuation", "name", "  Mary-Jane ", "", "maryjane",
            "f08f448a5e7a9dc3619bb7c129f6a7d5fc6af002cea17ad71dfdc1c68f4d4e0e");
        row("name apostrophe", "name", "O'Brien", "", "obrien");
        row("name accents kept", "name", "Zoë", "", "zoë",
            "2752b88686847fa5c86f47b94ce652b7b3f22a91c37617d451a4db9afa431450");
        row("name spaces", "name", "van der Berg", "", "vanderberg");
        row("city spaces", "city", "New York", "", "newyork",
            "350c754ba4d38897693aa077ef43072a859d23f613443133fecbbd90a3512ca5");
        row("city accents", "city", "São Paulo", "", "sãopaulo");
        row("city dots", "city", "St. Louis", "", "stlouis");
        row("state us name", "state", "California", "us", "ca");
        row("state us code", "state", "CA", "us", "ca");
        row("state other country", "state", "Île-de-France", "fr", "îledefrance");
        row("country name", "country", "United Kingdom", "", "gb",
            "0b407281768f0e833afef47ed464b6571d01ca4d53c12ce5c51d1462f4ad6677");
        row("country uk", "country", "UK", "", "gb");
        row("country dotted", "country", "U.S.A.", "", "us");
        row("country native", "country", "Deutschland", "", "de");
        row("country alpha3", "country", "gbr", "", "gb");
        row("country code", "country", " FR ", "", "fr");
        row("country unknown", "country", "Narnia", "", "");
        row("zip us plus four", "zip", "10001-1234", "us", "10001",
            "e443169117a184f91186b401133b20be670c7c0896f9886075e5d9b81e9d076b");
        row("zip us lost zero", "zip", "2134", "us", "02134");
        row("zip uk sector", "zip", "SW1A 1AA", "gb", "sw1a1");
        row("zip canada", "zip", "M5V 2A1", "ca", "m5v2a1");
        row("zip brazil dash", "zip", "01234-000", "br", "01234000");
    }

    void normalizes()
    {
        QFETCH(QString, kind);
        QFETCH(QString, raw);
        QFETCH(QString, param);
        QFETCH(QString, expected);
        QFETCH(QString, sha256);
        const std::string got = normalize(kind, raw.toStdString(), param.toStdString());
        QCOMPARE(QString::fromStdString(got), expected);
        if (!sha256.isEmpty()) {
            QCOMPARE(QString::fromStdString(sha256Hex(got)), sha256);
            QCOMPARE(QString::fromStdString(hashed(raw.toStdString(), got)), sha256);
        }
    }

    void e164AddsPlus()
    {
        QCOMPARE(phoneE164("(650) 555-1212", "1"), std::string("+16505551212"));
        QCOMPARE(phoneE164("12", "1"), std::string());
    }

    void hashesPassThrough()
    {
        const std::string upper = "87924606B4131A8ACEEEAE8868531FBB9712AAA07A5D3A756B26CE0F5D6CA674";
        QVERIFY(isSha256Hex(upper));
        QVERIFY(!isSha256Hex(upper.substr(1)));
        QVERIFY(!isSha256Hex(upper.substr(1) + "g"));
        // An already hashed value is not normalised or hashed again, only lower-cased.
        QCOMPARE(hashed("  " + upper + " ", normalizeEmail(upper)),
                 std::string("87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"));
        QCOMPARE(hashed("", ""), std::string());
        QCOMPARE(hashed("not-an-email", normalizeEmail("not-an-email")), std::string());
    }

    void invalidUtf8BecomesReplacement()
    {
        const std::string bad = "Jo\xff\xfe";
        // Letters-only normalisers drop U+FFFD; the e-mail keeps it as valid UTF-8.
        QCOMPARE(normalizeName(bad), std::string("jo"));
        const std::string email = normalizeEmail("a\xff@example.com");
        QCOMPARE(email, std::string("a\xEF\xBF\xBD@example.com"));
    }
};

QTEST_GUILESS_MAIN(TestNormalizer)
#include "tst_Normalizer.moc"
