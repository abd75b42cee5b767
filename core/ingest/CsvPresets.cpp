// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in CSV mappings for the shared real data sets, and the preview used by the mapping step.
#include "ingest/CsvPresets.h"

#include "ingest/CsvReader.h"
#include "ingest/InputFile.h"

#include <QString>

#include <simdjson.h>

#include <algorithm>

namespace awb::ingest {

namespace {

struct Preset
{
    const char *name;
    const char *description;
    CsvMapping (*make)();
};

// UCI Online Retail: invoice lines grouped by InvoiceNo. Invoice 542806 is split in two by two lines of
// C542805, hence a window rather than strictly consecutive rows.
CsvMapping onlineRetail()
{
    CsvMapping m;
    m.preset = "online-retail";
    m.userIdColumn = "CustomerID";
    m.fixedEvent = "Order Completed";
    m.timestampColumn = "InvoiceDate";
    m.timezone = "Europe/London";
    m.productIdColumn = "StockCode";
    m.priceColumn = "UnitPrice";
    m.quantityColumn = "Quantity";
    m.orderIdColumn = "InvoiceNo";
    m.orderWindow = 1000;
    m.refundPrefix = "C";
    m.guestIdPrefix = "guest:";
    m.currency = "GBP";
    m.propertyColumns = {"Country"};
    m.productPropertyColumns = {"Description"};
    m.propertyNames = {{"Country", "country"}, {"Description", "name"}};
    return m;
}

// CDNOW master: "customer date CDs dollars", whitespace separated, no header; identical lines are
// separate purchases.
CsvMapping cdnow()
{
    CsvMapping m;
    m.preset = "cdnow";
    m.delimiter = ' ';
    m.hasHeader = false;
    m.userIdColumn = "1";
    m.fixedEvent = "Order Completed";
    m.timestampColumn = "2";
    m.timestampFormat = "%Y%m%d";
    m.currency = "USD";
    m.propertyColumns = {"3", "4"};
    m.propertyNames = {{"3", "quantity"}, {"4", "revenue"}};
    m.numberRepeatedRows = true;
    return m;
}

// MovieLens latest-small ratings joined with movies.csv (next to the ratings file).
CsvMapping movielens()
{
    CsvMapping m;
    m.preset = "movielens";
    m.userIdColumn = "userId";
    m.fixedEvent = "Product Rated";
    m.timestampColumn = "timestamp";
    m.productIdColumn = "movieId";
    m.propertyColumns = {"rating"};
    m.productsFile = "movies.csv";
    m.productsKey = "movieId";
    m.productsColumns = {"title", "genres"};
    m.productsLists = {{"genres", "|"}};
    m.propertyNames = {{"title", "name"}};
    return m;
}

// Complete Journey transactions sample: baskets as orders. The sample is a random draw of lines, so a
// basket's lines are scattered over the file: orders are grouped over the whole file (75,000 lines).
CsvMapping completeJourney()
{
    CsvMapping m;
    m.preset = "completejourney";
    m.userIdColumn = "household_id";
    m.fixedEvent = "Order Completed";
    m.timestampColumn = "transaction_timestamp";
    m.timezone = "America/New_York";
    m.productIdColumn = "product_id";
    m.priceColumn = "sales_value";
    m.priceIsLineTotal = true;
    m.quantityColumn = "quantity";
    m.orderIdColumn = "basket_id";
    m.orderWindow = -1;
    m.currency = "USD";
    m.propertyColumns = {"store_id", "week"};
    m.productPropertyColumns = {"retail_disc", "coupon_disc", "coupon_match_disc"};
    m.discountColumns = {"retail_disc", "coupon_disc", "coupon_match_disc"};
    m.couponColumns = {"coupon_disc", "coupon_match_disc"};
    m.productsFile = "products.csv.xz";
    m.productsKey = "product_id";
    m.productsColumns = {"manufacturer_id",  "department",   "brand",
                         "product_category", "product_type", "package_size"};
    return m;
}

// Shopify's orders export (Admin > Orders > Export, "Export orders" help page; headers as Shopify writes
// them): one row per line item, the line items of one order share "Name" (#1001) and are consecutive. Every
// row carries Name, Email, Created at and the Lineitem columns; only the first row of an order carries its
// totals, status, discount and billing address, so event properties and person attributes come from that
// row (empty cells change nothing). Times are written "2024-03-05 14:02:11 -0500". Shopify has no
// customer id column, so the e-mail is the user id; items without a SKU use the line item name.
CsvMapping shopify()
{
    CsvMapping m;
    m.preset = "shopify";
    m.userIdColumn = "Email";
    m.emailColumn = "Email";
    m.fixedEvent = "Order Completed";
    m.timestampColumn = "Created at";
    m.timestampFormat = "%Y-%m-%d %H:%M:%S %z";
    m.orderIdColumn = "Name";
    m.productIdColumn = "Lineitem sku";
    m.productIdFallbackColumn = "Lineitem name";
    m.priceColumn = "Lineitem price";
    m.quantityColumn = "Lineitem quantity";
    m.currencyColumn = "Currency";
    m.propertyColumns = {"Financial Status", "Discount Code"};
    m.productPropertyColumns = {"Lineitem name", "Vendor"};
    m.propertyNames = {{"Financial Status", "financial_status"},
                       {"Discount Code", "discount_code"},
                       {"Lineitem name", "name"},
                       {"Vendor", "brand"}};
    m.discountColumns = {"Discount Amount"};
    m.couponColumns = {"Discount Code"};
    m.profileColumns = {"Billing City",  "Billing Province", "Billing Country",
                        "Billing Zip",   "Billing Phone",    "Accepts Marketing"};
    return m;
}

// WooCommerce orders as written by the Customer / Order / Coupon Export extension's "Default CSV format -
// One row per line item" (woocommerce.com/document/ordercustomer-csv-export; the column keys are those of
// its wc_customer_order_csv_export_order_headers filter, which the extension's developer documentation
// says never change): order_id, order_number, order_date, status, ..., order_total, order_currency,
// customer_id, billing_first_name, billing_last_name, billing_email, billing_phone, billing_postcode,
// billing_city, billing_state, billing_country, ..., item_name, item_sku, item_quantity, item_total, ...
// Each row repeats its order's columns. Guests have customer_id 0, so the billing e-mail is the user id.
// item_total is the line total after discounts. order_date is the shop's local time without a zone, in a
// format the store settings choose, so it is detected from the rows (set "timezone" for the shop's zone).
CsvMapping woocommerce()
{
    CsvMapping m;
    m.preset = "woocommerce";
    m.userIdColumn = "billing_email";
    m.emailColumn = "billing_email";
    m.fixedEvent = "Order Completed";
    m.timestampColumn = "order_date";
    m.orderIdColumn = "order_id";
    m.productIdColumn = "item_sku";
    m.productIdFallbackColumn = "item_name";
    m.priceColumn = "item_total";
    m.priceIsLineTotal = true;
    m.quantityColumn = "item_quantity";
    m.currencyColumn = "order_currency";
    m.propertyColumns = {"status"};
    m.productPropertyColumns = {"item_name"};
    m.propertyNames = {{"status", "order_status"}, {"item_name", "name"}};
    m.profileColumns = {"billing_first_name", "billing_last_name", "billing_phone",  "billing_city",
                        "billing_state",      "billing_postcode",  "billing_country"};
    return m;
}

const Preset kPresets[] = {
    {"online-retail",
     "UCI Online Retail invoices (online_retail.csv): lines grouped into Order Completed / C-invoices into "
     "Order Refunded, GBP, Europe/London times",
     onlineRetail},
    {"cdnow", "CDNOW master (CDNOW_master.txt): one Order Completed per line with quantity and revenue (USD)",
     cdnow},
    {"movielens",
     "MovieLens ratings (ratings.csv): Product Rated events, movies joined from movies.csv with genres lists",
     movielens},
    {"completejourney",
     "Complete Journey transactions (transactions_sample.csv): baskets as Order Completed with products from "
     "products.csv.xz, discounts and coupons, America/New_York times",
     completeJourney},
    {"shopify",
     "Shopify orders export (orders_export.csv): line items grouped by order Name into Order Completed, the "
     "e-mail as user id, billing city / province / country / zip and Accepts Marketing on the profile",
     shopify},
    {"woocommerce",
     "WooCommerce orders (Customer/Order/Coupon Export, one row per line item): grouped by order_id, the "
     "billing e-mail as user id, billing name and address on the profile",
     woocommerce},
};

const Preset *findPreset(std::string_view name)
{
    const auto it = std::find_if(std::begin(kPresets), std::end(kPresets),
                                 [&](const Preset &p) { return name == p.name; });
    return it == std::end(kPresets) ? nullptr : it;
}

std::string printable(std::string_view field)
{
    if (simdjson::validate_utf8(field.data(), field.size())) {
        return std::string(field);
    }
    return QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size())).toStdString();
}

std::vector<std::string> printableFields(const CsvReader::Record &rec)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < rec.size(); ++i) {
        out.push_back(printable(rec.field(i)));
    }
    return out;
}

// The first record of path read with delimiter, or empty.
std::vector<std::string> firstRecord(const std::string &path, char delimiter)
{
    auto file = InputFile::open(path);
    if (!file) {
        return {};
    }
    try {
        CsvReader reader(**file, delimiter);
        CsvReader::Record rec;
        if (reader.next(rec) && rec.error.empty()) {
            return rec.fields();
        }
    } catch (const std::exception &) {
    }
    return {};
}

bool hasColumns(const std::vector<std::string> &header, std::initializer_list<const char *> names)
{
    return std::all_of(names.begin(), names.end(), [&](const char *n) {
        return std::find(header.begin(), header.end(), n) != header.end();
    });
}

bool allDigits(const std::string &s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::string detectCsvPreset(const std::string &path)
{
    const std::vector<std::string> header = firstRecord(path, ',');
    if (hasColumns(header, {"InvoiceNo", "StockCode", "InvoiceDate", "CustomerID"})) {
        return "online-retail";
    }
    if (hasColumns(header, {"userId", "movieId", "rating", "timestamp"})) {
        return "movielens";
    }
    if (hasColumns(header, {"household_id", "basket_id", "product_id", "sales_value"})) {
        return "completejourney";
    }
    if (hasColumns(header, {"Name", "Email", "Created at", "Lineitem quantity", "Lineitem name"})) {
        return "shopify";
    }
    if (hasColumns(header, {"order_id", "order_date", "billing_email", "item_name", "item_quantity"})) {
        return "woocommerce";
    }
    const std::vector<std::string> first = firstRecord(path, ' ');
    if (first.size() == 4 && allDigits(first[0]) && first[1].size() == 8 && allDigits(first[1]) &&
        allDigits(first[2])) {
        return "cdnow";
    }
    return {};
}

std::vector<std::string> csvPresetNames()
{
    std::vector<std::string> names;
    for (const Preset &p : kPresets) {
        names.emplace_back(p.name);
    }
    return names;
}

std::string csvPresetDescription(std::string_view name)
{
    const Preset *p = findPreset(name);
    return p ? p->description : std::string();
}

std::optional<CsvMapping> csvPreset(std::string_view name)
{
    const Preset *p = findPreset(name);
    return p ? std::optional<CsvMapping>(p->make()) : std::nullopt;
}

Result<CsvPreview> previewCsv(const std::string &path, const CsvMapping &mapping, std::size_t maxRows)
{
    auto file = InputFile::open(path);
    if (!file) {
        return fail(file.error());
    }
    CsvPreview preview;
    try {
        CsvReader reader(**file, mapping.delimiter);
        CsvReader::Record rec;
        if (mapping.hasHeader && reader.next(rec)) {
            preview.header = printableFields(rec);
            reader.setExpectedFields(rec.size());
        }
        std::size_t width = preview.header.size();
        while (preview.rows.size() < maxRows && reader.next(rec)) {
            if (rec.error.empty()) {
                preview.rows.push_back(printableFields(rec));
                width = std::max(width, rec.size());
            }
        }
        for (std::size_t i = preview.header.size(); i < width; ++i) {
            preview.header.push_back(std::to_string(i + 1));
        }
    } catch (const std::exception &e) {
        return fail(Error::Code::Io, "cannot read " + path + ": " + e.what());
    }
    return preview;
}

} // namespace awb::ingest
