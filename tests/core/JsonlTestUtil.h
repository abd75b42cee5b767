// SPDX-License-Identifier: GPL-3.0-or-later
// Shared fixtures of the JSON lines import tests: JSON written with ' for ", a scratch workspace.
#pragma once

#include "TestUtil.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"
#include "store/Database.h"

#include <QStringList>
#include <QTemporaryDir>
#include <QtGlobal>

#include <algorithm>
#include <string>
#include <vector>

namespace awb::test {

/// JSON fixtures are written with ' for " (moc mis-parses raw string literals holding quotes).
inline std::string j(std::string text)
{
    std::replace(text.begin(), text.end(), '\'', '"');
    return text;
}

/// A good track call with messageId "good-<n>" (or none) from user "u<n % 7>", product "p<n>".
inline std::string goodCall(int n, bool withMessageId = true)
{
    const std::string id = std::to_string(n);
    return j("{'type':'track','event':'Product Viewed',") +
           (withMessageId ? j("'messageId':'good-") + id + j("',") : std::string()) + j("'userId':'u") +
           std::to_string(n % 7) + j("','timestamp':'2024-03-05T12:00:00Z','properties':{'product_id':'p") +
           id + j("','price':") + id + "}}";
}

/// Files and a fresh workspace per test (call next() in init()), imported through ImportService.
class JsonlScratch
{
public:
    bool isValid() const { return m_dir.isValid(); }
    void next() { m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_count)).toStdString(); }
    const std::string &workspace() const { return m_ws; }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    /// Writes lines, each followed by a newline, into a file of the scratch folder.
    std::string write(const char *name, const std::vector<std::string> &lines) const
    {
        std::string content;
        for (const std::string &l : lines) {
            content += l + "\n";
        }
        return writeFile(m_dir.filePath(QString::fromUtf8(name)), content);
    }

    ingest::ImportReport run(const std::vector<std::string> &files,
                             ProgressSink &progress = ProgressSink::null())
    {
        services::ImportSpec spec;
        spec.files = files;
        auto report = services::ImportService(m_ws).run(spec, progress);
        if (!report) {
            qFatal("import failed: %s", report.error().message.c_str());
        }
        return std::move(report).value();
    }

    std::int64_t integer(const std::string &sql) const { return queryInt(m_ws, sql); }
    std::string text(const std::string &sql) const { return queryText(m_ws, sql); }

    /// Every row of a query, columns joined with '|' (NULL as empty).
    QStringList rows(const std::string &sql) const
    {
        auto db = store::Database::open(m_ws, store::Database::OpenMode::ReadOnly);
        if (!db) {
            qFatal("cannot open %s", m_ws.c_str());
        }
        auto st = (*db)->prepare(sql);
        QStringList out;
        while (st.step()) {
            QStringList cells;
            for (int c = 0; c < st.columnCount(); ++c) {
                cells << QString::fromStdString(st.text(c));
            }
            out << cells.join(QLatin1Char('|'));
        }
        return out;
    }

private:
    QTemporaryDir m_dir;
    std::string m_ws;
    int m_count = 0;
};

} // namespace awb::test
