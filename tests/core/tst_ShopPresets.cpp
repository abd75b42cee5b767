// SPDX-License-Identifier: GPL-3.0-or-later
// The Shopify and WooCommerce presets on small hand-written files in the exports' own column layouts:
// line items grouped into orders, the first row's totals, and the person columns on the profile.
#include "TestUtil.h"
#include "ingest/CsvPresets.h"
#include "ingest/Timestamp.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace awb;

namespace {

// Shopify's orders export header, in Shopify's order.
const std::vector<std::string> kShopifyHeader = {
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
    "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
    "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
    "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
    "Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company", "Billing City",
    "Billing Zip", "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
    "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes", "Cancelled at",
    "Payment Method", "Payment Reference", "Refunded Amount", "Vendor", "Id", "Tags", "Risk Level", "Source",
    "Lineitem discount"};

// The Customer / Order / Coupon Export extension's one-row-per-line-item header.
const std::vector<std::string> kWooHeader = {
    "order_id", "order_number", "order_date", "status", "shipping_total", "shipping_tax_total", "fee_total",
    "fee_tax_total", "tax_total", "cart_discount", "order_discount", "discount_total", "order_total",
    "refunded_total", "order_currency", "payment_method", "shipping_method", "customer_id",
    "billing_first_name", "billing_last_name", "billing_company", "billing_email", "billing_phone",
    "billing_address_1", "billing_address_2", "billing_postcode", "billing_city", "billing_state",
    "billing_country", "shipping_first_name", "shipping_last_name", "shipping_address_1", "shipping_address_2",
    "shipping_postcode", "shipping_city", "shipping_state", "shipping_country", "shipping_company",
    "customer_note", "item_id", "item_name", "item_sku", "item_quantity", "item_subtotal", "item_subtotal_tax",
    "item_total", "item_total_tax", "item_refunded", "item_refunded_qty", "item_meta", "shipping_items",
    "fee_items", "tax_items", "coupon_items", "order_notes", "download_permissions_granted"};

using Cells = std::map<std::string, std::string>;

std::string csvCell(const std::string &v)
{
    if (v.find_first_of(",\"\n") == std::string::npos) {
        return v;
    }
    std::string out = "\"";
    for (const char c : v) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

// One CSV line of header's width: the named cells filled, the others empty.
std::string line(const std::vector<std::string> &header, const Cells &cells)
{
    std::string out;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto it = cells.find(header[i]);
        out += (i ? "," : "") + (it == cells.end() ? std::string() : csvCell(it->second));
    }
    return out + "\n";
}

std::string file(const std::vector<std::string> &header, const std::vector<Cells> &rows)
{
    Cells names;
    for (const std::string &h : header) {
        names[h] = h;
    }
    std::string out = line(header, names);
    for (const Cells &r : rows) {
        out += line(header, r);
    }
    return out;
}

std::string shopifyExport()
{
    const Cells ann = {{"Name", "#1001"}, {"Email", "ann@example.com"}, {"Created at", "2024-03-05 14:02:11 -0500"}};
    Cells first = ann;
    first.insert({{"Financial Status", "paid"}, {"Paid at", "2024-03-05 14:02:13 -0500"},
                  {"Fulfillment Status", "fulfilled"}, {"Accepts Marketing", "yes"}, {"Currency", "USD"},
                  {"Subtotal", "42.00"}, {"Shipping", "5.00"}, {"Taxes", "0.00"}, {"Total", "42.00"},
                  {"Discount Code", "SPRING10"}, {"Discount Amount", "5.00"},
                  {"Lineitem quantity", "2"}, {"Lineitem name", "Linen Shirt - M"}, {"Lineitem price", "20.00"},
                  {"Lineitem sku", "LS-M"}, {"Billing Name", "Ann Lee"}, {"Billing City", "Springfield"},
                  {"Billing Zip", "62704"}, {"Billing Province", "IL"}, {"Billing Country", "US"},
                  {"Billing Phone", "+1 217 555 0101"}, {"Vendor", "Acme"}, {"Id", "5501"}});
    Cells second = ann;
    second.insert({{"Lineitem quantity", "1"}, {"Lineitem name", "Gift wrap"}, {"Lineitem price", "2.00"},
                   {"Vendor", "Acme"}});
    const Cells bob = {{"Name", "#1002"}, {"Email", "bob@example.com"}, {"Financial Status", "refunded"},
                       {"Accepts Marketing", "no"}, {"Currency", "CAD"}, {"Total", "20.00"},
                       {"Created at", "2024-03-06 09:15:00 -0500"}, {"Lineitem quantity", "1"},
                       {"Lineitem name", "Linen Shirt - L"}, {"Lineitem price", "20.00"}, {"Lineitem sku", "LS-L"},
                       {"Billing City", "Toronto"}, {"Billing Zip", "M5V 2T6"}, {"Billing Province", "ON"},
                       {"Billing Country", "CA"}};
    const Cells cy = {{"Name", "#1003"}, {"Email", "cy@example.com"}, {"Accepts Marketing", "perhaps"},
                      {"Created at", "2024-03-07 10:00:00 -0500"}, {"Lineitem quantity", "1"},
                      {"Lineitem name", "Mug"}, {"Lineitem price", "9.00"}, {"Lineitem sku", "MUG"}};
    return file(kShopifyHeader, {first, second, bob, cy});
}

std::string wooExport()
{
    const Cells order = {{"order_id", "4993"}, {"order_number", "4993"}, {"order_date", "2024-03-05 14:02:11"},
                         {"status", "completed"}, {"order_total", "72.50"}, {"order_currency", "USD"},
                         {"customer_id", "17"}, {"billing_first_name", "Cherlynn"},
                         {"billing_last_name", "Harle"}, {"billing_email", "cherlynn@example.com"},
                         {"billing_phone", "6029997186"}, {"billing_address_1", "7140 W. Turquoise Ave."},
                         {"billing_postcode", "85345"}, {"billing_city", "Peoria"}, {"billing_state", "AZ"},
                         {"billing_country", "US"}};
    Cells hoodie = order;
    hoodie.insert({{"item_id", "1"}, {"item_name", "Hoodie"}, {"item_sku", "H-1"}, {"item_quantity", "2"},
                   {"item_subtotal", "60.00"}, {"item_total", "60.00"}});
    Cells mug = order;
    mug.insert({{"item_id", "2"}, {"item_name", "Mug, blue"}, {"item_quantity", "1"}, {"item_subtotal", "12.50"},
                {"item_total", "12.50"}});
    const Cells guest = {{"order_id", "4994"}, {"order_date", "2024-03-06 08:00:00"}, {"status", "processing"},
                         {"order_currency", "EUR"}, {"customer_id", "0"}, {"billing_email", "dan@example.com"},
                         {"billing_first_name", "Dan"}, {"billing_country", "FR"}, {"item_name", "Hoodie"},
                         {"item_sku", "H-1"}, {"item_quantity", "1"}, {"item_total", "30.00"}};
    return file(kWooHeader, {hoodie, mug, guest});
}

} // namespace

class TestShopPresets : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_count)).toStdString();
    }

    void presetsAreListedAndDetected()
    {
        const std::vector<std::string> names = ingest::csvPresetNames();
        QVERIFY(std::find(names.begin(), names.end(), "shopify") != names.end());
        QVERIFY(std::find(names.begin(), names.end(), "woocommerce") != names.end());
        QCOMPARE(ingest::detectCsvPreset(write("orders_export.csv", shopifyExport())), std::string("shopify"));
        QCOMPARE(ingest::detectCsvPreset(write("woo.csv", wooExport())), std::string("woocommerce"));
        // A Shopify header without its line item columns is not an orders export.
        QCOMPARE(ingest::detectCsvPreset(write("customers.csv", "Name,Email,Created at\n")), std::string());
    }

    void shopifyOrdersExport()
    {
        const auto report = run(write("orders_export.csv", shopifyExport()), "shopify");
        QCOMPARE(report.rowsRead, 4);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections.at(0).line, 5);
        QVERIFY2(report.rejections.at(0).reason.find("bad consent \"perhaps\" in column \"Accepts Marketing\"") !=
                     std::string::npos,
                 report.rejections.at(0).reason.c_str());
        const std::string order = "FROM events WHERE message_id = 'shopify:#1001'";
        QCOMPARE(text("SELECT user_id || ' ' || ts " + order),
                 QStringLiteral("ann@example.com %1").arg(*ingest::parseTimestamp("2024-03-05T19:02:11Z")));
        // The totals, status and discount come from the order's first row; revenue sums both lines.
        QCOMPARE(text("SELECT json_extract(properties, '$.revenue') || ' ' || json_extract(properties, "
                      "'$.currency') || ' ' || json_extract(properties, '$.discount') || ' ' || "
                      "json_extract(properties, '$.coupon') || ' ' || json_extract(properties, "
                      "'$.financial_status') || ' ' || json_extract(properties, '$.discount_code') " +
                      order),
                 QStringLiteral("42 USD 5 1 paid SPRING10"));
        QCOMPARE(text("SELECT group_concat(product_id || ':' || price || 'x' || quantity || ':' || "
                      "json_extract(p.properties, '$.name') || ':' || json_extract(p.properties, '$.brand'), ';') "
                      "FROM event_products p JOIN events e ON e.id = p.event_id WHERE e.message_id = "
                      "'shopify:#1001'"),
                 QStringLiteral("LS-M:20.0x2.0:Linen Shirt - M:Acme;Gift wrap:2.0x1.0:Gift wrap:Acme"));
        QCOMPARE(attributes("ann@example.com"),
                 QStringLiteral("city=Springfield;country=US;email_consent=true;phone=+1 217 555 0101;"
                             "postal_code=62704;region=IL"));
        QCOMPARE(text("SELECT p.email FROM profiles p JOIN identities i ON i.profile_id = p.id "
                      "WHERE i.value = 'bob@example.com'"),
                 QStringLiteral("bob@example.com"));
        QCOMPARE(attributes("bob@example.com"),
                 QStringLiteral("city=Toronto;country=CA;email_consent=false;postal_code=M5V 2T6;region=ON"));
        QCOMPARE(text("SELECT json_extract(properties, '$.currency') FROM events WHERE message_id = "
                      "'shopify:#1002'"),
                 QStringLiteral("CAD"));
    }

    void wooCommerceOrdersExport()
    {
        const auto report = run(write("orders.csv", wooExport()), "woocommerce");
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(text("SELECT user_id || ' ' || ts || ' ' || json_extract(properties, '$.revenue') || ' ' || "
                      "json_extract(properties, '$.order_status') FROM events WHERE message_id = "
                      "'woocommerce:4993'"),
                 QStringLiteral("cherlynn@example.com %1 72.5 completed")
                     .arg(*ingest::parseTimestamp("2024-03-05T14:02:11Z")));
        // item_total is the line total: the unit price is total / quantity.
        QCOMPARE(text("SELECT group_concat(product_id || ':' || price || 'x' || quantity, ';') FROM "
                      "event_products p JOIN events e ON e.id = p.event_id WHERE e.message_id = "
                      "'woocommerce:4993'"),
                 QStringLiteral("H-1:30.0x2.0;Mug, blue:12.5x1.0"));
        QCOMPARE(attributes("cherlynn@example.com"),
                 QStringLiteral("city=Peoria;country=US;first_name=Cherlynn;last_name=Harle;phone=6029997186;"
                             "postal_code=85345;region=AZ"));
        QCOMPARE(attributes("dan@example.com"), QStringLiteral("country=FR;first_name=Dan"));
    }

private:
    std::string write(const char *name, const std::string &content)
    {
        return test::writeFile(m_dir.filePath(QString::fromLatin1(name)), content);
    }

    ingest::ImportReport run(const std::string &path, const char *preset)
    {
        services::ImportSpec spec;
        spec.files = {path};
        spec.format = services::ImportFormat::Csv;
        spec.mapping = *ingest::csvPreset(preset);
        auto report = services::ImportService(m_ws).run(spec, ProgressSink::null());
        if (!report) {
            qWarning("import failed: %s", report.error().message.c_str());
            return {};
        }
        return *report;
    }

    QString attributes(const std::string &userId)
    {
        // The user id comes from the test's own fixtures.
        return text("SELECT group_concat(key || '=' || value, ';') FROM (SELECT key, value FROM "
                    "profile_attributes WHERE profile_id = (SELECT profile_id FROM identities WHERE kind = 0 "
                    "AND value = '" +
                    userId + "') ORDER BY key)");
    }

    // QString, so that a failed comparison prints both values.
    QString text(const std::string &query) { return QString::fromStdString(test::queryText(m_ws, query)); }

    QTemporaryDir m_dir;
    std::string m_ws;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(TestShopPresets)
#include "tst_ShopPresets.moc"
