// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"
#include "store/Database.h"
#include "store/Migrations.h"

#include <sqlite3.h>

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void createsCurrentSchemaInWal()
    {
        const std::string path = m_dir.filePath(QStringLiteral("new.awb")).toStdString();
        auto db = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
        QVERIFY2(db, db ? "" : db.error().message.c_str());
        QCOMPARE((*db)->schemaVersion(), store::currentSchemaVersion());
        auto mode = (*db)->prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), std::string("wal"));
        auto fk = (*db)->prepare("PRAGMA foreign_keys");
        QVERIFY(fk.step());
        QCOMPARE(fk.int64(0), 1);
        auto app = (*db)->prepare("PRAGMA application_id");
        QVERIFY(app.step());
        QCOMPARE(static_cast<int>(app.int64(0)), store::kApplicationId);
    }

    void reopeningKeepsData()
    {
        const std::string path = m_dir.filePath(QStringLiteral("keep.awb")).toStdString();
        {
            auto db = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
            QVERIFY(db);
            (*db)->exec("INSERT INTO event_names (name) VALUES ('Order Completed')");
        }
        auto db = store::Database::open(path, store::Database::OpenMode::OpenExisting);
        QVERIFY(db);
        QCOMPARE(test::queryText(path, "SELECT name FROM event_names"), std::string("Order Completed"));
    }

    void missingFileIsNotCreatedWhenOpeningExisting()
    {
        const std::string path = m_dir.filePath(QStringLiteral("missing.awb")).toStdString();
        auto db = store::Database::open(path, store::Database::OpenMode::OpenExisting);
        QVERIFY(!db);
        QCOMPARE(db.error().code, Error::Code::NotFound);
        QVERIFY(!QFile::exists(QString::fromStdString(path)));
    }

    void refusesNewerWorkspaceWithoutTouchingIt()
    {
        const QString qpath = m_dir.filePath(QStringLiteral("newer.awb"));
        const std::string path = qpath.toStdString();
        {
            auto db = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
            QVERIFY(db);
            (*db)->exec("PRAGMA user_version = " + std::to_string(store::currentSchemaVersion() + 1));
            (*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)");
            (*db)->exec("PRAGMA journal_mode = DELETE");
        }
        const QByteArray before = fileHash(qpath);
        auto db = store::Database::open(path, store::Database::OpenMode::OpenExisting);
        QVERIFY(!db);
        QCOMPARE(db.error().code, Error::Code::NewerVersion);
        QVERIFY(db.error().message.find("newer version") != std::string::npos);
        QCOMPARE(fileHash(qpath), before);
        QVERIFY(!QFile::exists(qpath + QStringLiteral("-wal")));
    }

    void refusesFileThatIsNotADatabase()
    {
        const QString qpath = m_dir.filePath(QStringLiteral("notes.awb"));
        test::writeFile(qpath, std::string(4096, 'x'));
        const QByteArray before = fileHash(qpath);
        auto db = store::Database::open(qpath.toStdString(), store::Database::OpenMode::OpenExisting);
        QVERIFY(!db);
        QCOMPARE(db.error().code, Error::Code::NotAWorkspace);
        QVERIFY(db.error().message.find("not an Audience Workbench workspace") != std::string::npos);
        QCOMPARE(fileHash(qpath), before);
    }

    void refusesForeignSqliteDatabase()
    {
        const QString qpath = m_dir.filePath(QStringLiteral("other.sqlite"));
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(qpath.toUtf8().constData(), &raw), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(raw);
        const QByteArray before = fileHash(qpath);
        auto db = store::Database::open(qpath.toStdString(), store::Database::OpenMode::OpenExisting);
        QVERIFY(!db);
        QCOMPARE(db.error().code, Error::Code::NotAWorkspace);
        QCOMPARE(fileHash(qpath), before);
    }

    void migrationIsIdempotent()
    {
        const std::string path = m_dir.filePath(QStringLiteral("twice.awb")).toStdString();
        for (int i = 0; i < 2; ++i) {
            auto db = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
            QVERIFY(db);
            QCOMPARE((*db)->schemaVersion(), store::currentSchemaVersion());
        }
    }

    void transactionRollsBackUnlessCommitted()
    {
        auto db = store::Database::open(":memory:", store::Database::OpenMode::CreateIfMissing);
        QVERIFY(db);
        {
            store::Transaction tx(**db);
            (*db)->exec("INSERT INTO event_names (name) VALUES ('a')");
        }
        auto count = (*db)->prepare("SELECT count(*) FROM event_names");
        QVERIFY(count.step());
        QCOMPARE(count.int64(0), 0);
    }

private:
    static QByteArray fileHash(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return {};
        }
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_Database.moc"
