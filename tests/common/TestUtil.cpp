// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"

#include "store/Database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <stdexcept>

namespace awb::test {

std::string writeFile(const QString &path, const std::string &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        throw std::runtime_error("cannot write " + path.toStdString());
    }
    f.write(text.data(), static_cast<qint64>(text.size()));
    return path.toStdString();
}

namespace {
std::unique_ptr<store::Database> openDb(const std::string &workspace)
{
    auto db = store::Database::open(workspace, store::Database::OpenMode::OpenExisting);
    if (!db) {
        throw std::runtime_error(db.error().message);
    }
    return std::move(db).value();
}
} // namespace

std::int64_t queryInt(const std::string &workspace, const std::string &sql)
{
    auto db = openDb(workspace);
    auto st = db->prepare(sql);
    return st.step() ? st.int64(0) : 0;
}

std::int64_t eventCount(const std::string &workspace, const std::string &name)
{
    auto db = openDb(workspace);
    auto st = db->prepare("SELECT count(*) FROM events e JOIN event_names n ON n.id = e.name_id WHERE n.name = ?");
    st.bind(1, name);
    return st.step() ? st.int64(0) : 0;
}

std::string queryText(const std::string &workspace, const std::string &sql)
{
    auto db = openDb(workspace);
    auto st = db->prepare(sql);
    return st.step() ? st.text(0) : std::string();
}

std::string integrityCheck(const std::string &workspace)
{
    auto db = store::Database::open(workspace, store::Database::OpenMode::OpenExisting);
    if (!db) {
        return "cannot open: " + db.error().message;
    }
    auto st = (*db)->prepare("PRAGMA integrity_check");
    std::string result;
    while (st.step()) {
        result += st.text(0);
    }
    return result;
}

std::string workspaceFingerprint(const std::string &workspace)
{
    auto db = openDb(workspace);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto tables = db->prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                              "ORDER BY name");
    while (tables.step()) {
        const std::string table = tables.text(0);
        hash.addData(QByteArray::fromStdString(table));
        // Table names come from sqlite_schema, not from input; quoting keeps them identifiers. Rows in the
        // order of their first two columns (the one of a single-column table).
        auto columns = db->prepare("SELECT count(*) FROM pragma_table_info(?)");
        columns.bind(1, table);
        const bool wide = columns.step() && columns.int64(0) > 1;
        auto rows = db->prepare("SELECT * FROM \"" + table + "\" ORDER BY 1" + (wide ? ", 2" : ""));
        while (rows.step()) {
            for (int c = 0; c < rows.columnCount(); ++c) {
                hash.addData(QByteArray::fromStdString(rows.text(c)));
                hash.addData(QByteArrayView("\x1f", 1));
            }
        }
    }
    return hash.result().toHex().toStdString();
}

QString sharedDataDir()
{
    const QString dir = qEnvironmentVariable("AWB_SHARED_DATA");
    return !dir.isEmpty() && QDir(dir).exists() ? QDir(dir).absolutePath() : QString();
}

} // namespace awb::test
