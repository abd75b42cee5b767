// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for the widget tests: finding widgets by object name, fixtures, optional screenshots.
#pragma once

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QWidget>

namespace awb::test {

/// The child of parent with this object name and type; fails the test when missing.
template <typename T> T *child(const QObject *parent, const char *objectName)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(objectName));
    if (!found) {
        QTest::qFail(qPrintable(QStringLiteral("no child named %1").arg(QString::fromLatin1(objectName))),
                     __FILE__, __LINE__);
    }
    return found;
}

/// Chooses the item with that data in a combo box as the user would (activated is what editors follow).
inline void choose(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data.toString()));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

/// The number of lines of a text file (a last line without a line break counts); -1 when it cannot be read.
inline qint64 countLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    qint64 lines = 0;
    while (!file.atEnd()) {
        file.readLine();
        ++lines;
    }
    return lines;
}

/// Saves widget as <AWB_SCREENSHOT_DIR>/<name>.png when that variable is set (to look at the pages).
inline void maybeScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("AWB_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }
}

/// A small Segment-spec JSON lines file: 5 lines, line 4 malformed; 4 events for 2 people (alice, who
/// also was anonymous visitor a-1, and anonymous a-2).
inline const char *kJsonLines =
    R"({"type":"track","event":"Product Viewed","userId":"alice","timestamp":"2026-04-01T10:00:00Z","messageId":"m1","properties":{"product_id":"P1","price":9.5}}
{"type":"identify","userId":"alice","anonymousId":"a-1","timestamp":"2026-04-01T09:00:00Z","messageId":"m2","traits":{"email":"alice@example.com"}}
{"type":"track","event":"Order Completed","userId":"alice","timestamp":"2026-04-01T11:00:00Z","messageId":"m3","properties":{"order_id":"O1","revenue":9.5,"products":[{"product_id":"P1","price":9.5,"quantity":1}]}}
{"type":"track","event":"Broken"
{"type":"page","anonymousId":"a-2","timestamp":"2026-04-02T08:00:00Z","messageId":"m4","properties":{"path":"/"}}
)";

/// A CSV event log whose time column has a name no preset or guess knows; line 4 has a bad date.
inline const char *kCsv = "customer,when,action,sku,amount,country\n"
                          "c1,2026-04-01 10:00:00,Product Viewed,P1,9.99,FR\n"
                          "c1,2026-04-01 10:05:00,Order Completed,P1,9.99,FR\n"
                          "c2,not-a-date,Product Viewed,P2,5.00,DE\n"
                          "c2,2026-04-02 12:00:00,Product Viewed,P2,5.00,DE\n";

} // namespace awb::test
