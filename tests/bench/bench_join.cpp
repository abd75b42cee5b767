// SPDX-License-Identifier: GPL-3.0-or-later
// Joined CSV import benchmark (issue "Real shop data in without code"): N order lines joined at import
// time with N/10 orders, N/20 customers and N/100 products held in memory, against the same rows pre-joined
// into one file, each imported into a fresh workspace in the same run (alternating, best of two). Prints
// lines/s of both and their ratio (target >= 0.70).
//
// usage: bench_join [LINES [DIR]]   (defaults 1000000 and a temporary folder)
#include "ingest/CsvMapping.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace awb;

namespace {

using Clock = std::chrono::steady_clock;

std::string orderTime(std::int64_t order)
{
    // Orders spread over 2023, one every few minutes, in "M/D/YYYY H:MM" like the public shop data.
    const std::int64_t minutes = order * 5;
    const int day = static_cast<int>(minutes / 1440 % 28) + 1,
              month = static_cast<int>(minutes / 40320 % 12) + 1;
    return std::to_string(month) + "/" + std::to_string(day) + "/2023 " + std::to_string(minutes / 60 % 24) +
           ":" + (minutes % 60 < 10 ? "0" : "") + std::to_string(minutes % 60);
}

struct Sizes
{
    std::int64_t lines, orders, customers, products;
};

void writeFiles(const QDir &dir, const Sizes &n)
{
    auto path = [&](const char *name) { return dir.filePath(QString::fromLatin1(name)).toStdString(); };
    std::ofstream items(path("items.csv")), orders(path("orders.csv")), customers(path("customers.csv")),
        products(path("products.csv")), flat(path("flat.csv"));
    items << "order_id,order_item_id,product_id,price\n";
    orders << "order_id,customer_id,status,purchased_at\n";
    customers << "customer_id,customer_unique_id,city,state\n";
    products << "product_id,category,brand,weight_g\n";
    flat << "order_id,order_item_id,product_id,price,customer_unique_id,status,purchased_at,category,brand\n";
    for (std::int64_t c = 0; c < n.customers; ++c) {
        customers << "c" << c << ",U" << c * 7919 % n.customers << ",city" << c % 500 << ",S" << c % 27
                  << "\n";
    }
    for (std::int64_t p = 0; p < n.products; ++p) {
        products << "p" << p << ",cat" << p % 70 << ",brand" << p % 300 << "," << 100 + p % 900 << "\n";
    }
    const std::int64_t perOrder = n.lines / n.orders;
    for (std::int64_t o = 0; o < n.orders; ++o) {
        const std::int64_t customer = o * 31 % n.customers;
        const std::string when = orderTime(o);
        orders << "o" << o << ",c" << customer << ",delivered," << when << "\n";
        for (std::int64_t i = 0; i < perOrder; ++i) {
            const std::int64_t product = (o * 13 + i * 101) % n.products;
            const std::string price = std::to_string(5 + product % 200) + ".90";
            items << "o" << o << "," << i + 1 << ",p" << product << "," << price << "\n";
            flat << "o" << o << "," << i + 1 << ",p" << product << "," << price << ",U"
                 << customer * 7919 % n.customers << ",delivered," << when << ",cat" << product % 70
                 << ",brand" << product % 300 << "\n";
        }
    }
}

ingest::CsvMapping baseMapping()
{
    ingest::CsvMapping m;
    m.fixedEvent = "Order Completed";
    m.timestampFormat = "%m/%d/%Y %H:%M";
    m.orderIdColumn = "order_id";
    m.productIdColumn = "product_id";
    m.priceColumn = "price";
    return m;
}

ingest::CsvMapping joinedMapping(const QDir &dir)
{
    ingest::CsvMapping m = baseMapping();
    auto file = [&](const char *name) { return dir.filePath(QString::fromLatin1(name)).toStdString(); };
    m.lookups = {
        {"orders", file("orders.csv"), "order_id", "order_id", true, {}},
        {"customers",
         file("customers.csv"),
         "customer_id",
         "orders.customer_id",
         true,
         {"customer_id", "customer_unique_id"}},
        {"products", file("products.csv"), "product_id", "product_id", false, {"category", "brand"}}};
    m.userIdColumn = "customers.customer_unique_id";
    m.timestampColumn = "orders.purchased_at";
    m.propertyColumns = {"orders.status"};
    m.productPropertyColumns = {"products.category", "products.brand"};
    m.propertyNames = {
        {"orders.status", "status"}, {"products.category", "category"}, {"products.brand", "brand"}};
    return m;
}

ingest::CsvMapping flatMapping()
{
    ingest::CsvMapping m = baseMapping();
    m.userIdColumn = "customer_unique_id";
    m.timestampColumn = "purchased_at";
    m.propertyColumns = {"status"};
    m.productPropertyColumns = {"category", "brand"};
    return m;
}

/// Imports file with mapping into a fresh workspace; returns lines per second (0 on failure).
double importRate(const QDir &dir, const char *workspace, const std::string &file,
                  const ingest::CsvMapping &m, std::int64_t lines)
{
    const std::string ws = dir.filePath(QString::fromLatin1(workspace)).toStdString();
    QFile::remove(QString::fromStdString(ws));
    services::ImportSpec spec;
    spec.files = {file};
    spec.format = services::ImportFormat::Csv;
    spec.mapping = m;
    const auto start = Clock::now();
    const auto report = services::ImportService(ws).run(spec, ProgressSink::null());
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    if (!report || report->rejected != 0 || report->rowsRead != lines) {
        std::fprintf(stderr, "%s: import failed or incomplete: %s\n", workspace,
                     report ? report->summary().c_str() : report.error().message.c_str());
        return 0;
    }
    std::printf("%-10s %9lld lines  %6lld events  %7.2f s  %9.0f lines/s\n", workspace,
                static_cast<long long>(report->rowsRead), static_cast<long long>(report->imported), s,
                lines / s);
    return static_cast<double>(lines) / s;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t lines = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    QTemporaryDir temp;
    const QDir dir(argc > 2 ? QString::fromLocal8Bit(argv[2]) : temp.path());
    const Sizes n{lines, lines / 10, lines / 20, lines / 100};
    std::printf("join benchmark: %lld order lines, %lld orders, %lld customers, %lld products\n",
                static_cast<long long>(n.lines), static_cast<long long>(n.orders),
                static_cast<long long>(n.customers), static_cast<long long>(n.products));
    writeFiles(dir, n);
    // Alternating runs, best of two each: the first import of a run also warms the page cache.
    double flat = 0, joined = 0;
    for (int run = 0; run < 2; ++run) {
        flat =
            std::max(flat, importRate(dir, "flat.awb", dir.filePath(QStringLiteral("flat.csv")).toStdString(),
                                      flatMapping(), n.lines));
        joined = std::max(joined, importRate(dir, "joined.awb",
                                             dir.filePath(QStringLiteral("items.csv")).toStdString(),
                                             joinedMapping(dir), n.lines));
    }
    if (flat <= 0 || joined <= 0) {
        return 1;
    }
    std::printf("joined / pre-joined: %.2f (target >= 0.70)\n", joined / flat);
    return 0;
}
