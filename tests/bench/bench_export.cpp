// SPDX-License-Identifier: GPL-3.0-or-later
// CSV export benchmark: a workspace with N profiles (email, names, phone, address attributes, a user id)
// written by direct SQL inserts, one audience of all of them, then the generic preset (target <= 2 s at 1M)
// and the Meta preset (every identifier normalised and SHA-256 hashed) timed. Prints wall and CPU seconds
// (the reference machine has 2 cores shared with other work), rows/s, MiB written and peak RSS. Reference,
// same run: the `sqlite3` shell writing the generic preset's columns for the same members as CSV (one query).
//
// usage: bench_export [MEMBERS [DIR [PRESET...]]]   (defaults 1000000, a temporary folder, generic meta)
//        With DIR, a workspace left there by a previous run with the same MEMBERS is reused.
#include "audience/AudienceRepository.h"
#include "jobs/Progress.h"
#include "services/ExportService.h"
#include "store/Database.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace awb;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

const char *kFirst[] = {"Ann", "Bob", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro"};
const char *kLast[] = {"Lee", "O'Brien", "Müller", "Novak", "Silva", "van der Berg", "Smith", "Tanaka"};
const char *kCity[] = {"London", "New York", "São Paulo", "Berlin", "Paris", "Tokyo"};
const char *kCountry[] = {"GB", "US", "BR", "DE", "FR", "JP"};

void buildWorkspace(store::Database &db, std::int64_t n)
{
    store::Transaction tx(db);
    auto profile = db.prepare("INSERT INTO profiles (id, email, first_seen, last_seen) VALUES (?, ?, 0, 0)");
    auto attribute = db.prepare("INSERT INTO profile_attributes (profile_id, key, value) VALUES (?, ?, ?)");
    auto identity = db.prepare("INSERT INTO identities (kind, value, profile_id) VALUES (0, ?, ?)");
    for (std::int64_t i = 1; i <= n; ++i) {
        const std::string email = "Customer." + std::to_string(i) + "@Example.com";
        profile.bind(1, i).bind(2, email).run();
        const std::pair<const char *, std::string> attributes[] = {
            {"first_name", kFirst[i % 8]},
            {"last_name", kLast[(i / 8) % 8]},
            {"phone", "+1 650 555 " + std::to_string(1000 + i % 9000)},
            {"city", kCity[i % 6]},
            {"country", kCountry[i % 6]},
            {"postal_code", std::to_string(10000 + i % 89999)}};
        for (const auto &[key, value] : attributes) {
            attribute.bind(1, i).bind(2, key).bind(3, value).run();
        }
        identity.bind(1, "user-" + std::to_string(i)).bind(2, i).run();
    }
    audience::AudienceRepository repo(db);
    audience::AudienceInfo info;
    info.name = "Everyone";
    info.target = {"Category", "Beauty", {}};
    info.horizonMs = 30LL * 86400000;
    info.sizeRule = audience::SizeRule::ofPercent(100);
    info.id = repo.insert(info);
    audience::AudienceRepository::MemberInserter members(db, info.id);
    for (std::int64_t r = 1; r <= n; ++r) {
        members.add(r, r, 1.0 / static_cast<double>(r + 1));
    }
    info.eligible = info.size = n;
    repo.markLive(info, "{}");
    tx.commit();
}

// The sqlite3 shell's CSV output of the generic preset's columns (user_id, email, first_name, last_name,
// score, rank) in rank order: plain SQL to CSV, with no normalisation or formula neutralisation.
double sqliteReference(const std::string &ws, const std::string &out)
{
    const std::string sql =
        "SELECT u.value, p.email, (SELECT value FROM profile_attributes WHERE profile_id = p.id AND key = "
        "'first_name'), (SELECT value FROM profile_attributes WHERE profile_id = p.id AND key = "
        "'last_name'), "
        "m.score, m.rank FROM audience_members m JOIN profiles p ON p.id = m.profile_id "
        "LEFT JOIN identities u ON u.profile_id = m.profile_id AND u.kind = 0 ORDER BY m.rank";
    const std::string command = "sqlite3 -csv -header '" + ws + "' \"" + sql + "\" > '" + out + "'";
    double best = 1e300;
    for (int run = 1; run <= 2; ++run) {
        const auto start = Clock::now();
        if (std::system(command.c_str()) != 0) {
            std::fprintf(stderr, "reference failed: %s\n", command.c_str());
            std::exit(1);
        }
        const double s = seconds(start);
        best = std::min(best, s);
        std::printf("sqlite3  run %d: same columns as CSV in %.3f s wall, %.1f MiB\n", run, s,
                    static_cast<double>(QFileInfo(QString::fromStdString(out)).size()) / (1024.0 * 1024.0));
    }
    return best;
}

void timeExport(const std::string &ws, const std::string &preset, const std::string &out, double reference)
{
    double best = 1e300;
    double bestCpu = 0;
    std::int64_t rows = 0;
    for (int run = 1; run <= 2; ++run) {
        const auto start = Clock::now();
        const double cpuStart = cpuSeconds();
        const auto report = services::ExportService(ws).exportAudience({"Everyone", preset, out, {}, {}},
                                                                       ProgressSink::null());
        const double s = seconds(start);
        const double cpu = cpuSeconds() - cpuStart;
        if (!report) {
            std::fprintf(stderr, "export failed: %s\n", report.error().message.c_str());
            std::exit(1);
        }
        const double mib =
            static_cast<double>(QFileInfo(QString::fromStdString(out)).size()) / (1024.0 * 1024.0);
        std::printf(
            "%-8s run %d: %lld rows in %.3f s wall, %.3f s CPU (%.0f rows/s), %.1f MiB, %lld skipped\n",
            preset.c_str(), run, static_cast<long long>(report->written), s, cpu,
            static_cast<double>(report->written) / s, mib, static_cast<long long>(report->skipped));
        if (s < best) {
            best = s;
            bestCpu = cpu;
        }
        rows = report->written;
    }
    // One line per preset for tests/bench/report.sh (best of the runs; the reference is sqlite3's).
    std::printf("summary: export preset=%s rows=%lld best_s=%.3f cpu_s=%.3f reference_s=%.3f ratio=%.3f\n",
                preset.c_str(), static_cast<long long>(rows), best, bestCpu, reference, best / reference);
}

} // namespace

int main(int argc, char *argv[])
{
    const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 1000000;
    QTemporaryDir tmp;
    const std::string dir = argc > 2 ? argv[2] : tmp.path().toStdString();
    std::vector<std::string> presets;
    for (int i = 3; i < argc; ++i) {
        presets.emplace_back(argv[i]);
    }
    if (presets.empty()) {
        presets = {"generic", "meta"};
    }
    const std::string ws = dir + "/bench_export_" + std::to_string(n) + ".awb";
    if (!QFileInfo::exists(QString::fromStdString(ws))) {
        auto db = store::Database::open(ws, store::Database::OpenMode::CreateIfMissing);
        if (!db) {
            std::fprintf(stderr, "cannot create %s: %s\n", ws.c_str(), db.error().message.c_str());
            return 1;
        }
        const auto start = Clock::now();
        buildWorkspace(**db, n);
        std::printf("built %lld profiles and an audience of all of them in %.2f s\n",
                    static_cast<long long>(n), seconds(start));
    }
    const double reference = sqliteReference(ws, dir + "/sqlite3.csv");
    for (const std::string &preset : presets) {
        timeExport(ws, preset, dir + "/" + preset + ".csv", reference);
    }
    std::printf("peak RSS %.0f MiB\n", peakRssMiB());
    return 0;
}
