// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/DisplayFormat.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QTimeZone>

namespace awb::ui::format {

namespace {
QString cut(QString text, int maxChars)
{
    if (text.size() > maxChars) {
        text.truncate(maxChars - 1);
        text += QChar(0x2026);
    }
    return text;
}
} // namespace

QString timestamp(std::int64_t utcMs)
{
    if (utcMs == 0) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString date(std::int64_t utcMs)
{
    if (utcMs == 0) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd"));
}

QString count(std::int64_t n)
{
    // English grouping everywhere: the offscreen and C locales would print no separators at all.
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(n));
}

QString plural(std::int64_t n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(count(n));
}

QString percent(double fraction)
{
    const double p = fraction * 100.0;
    if (p > 0 && p < 0.01) {
        return QStringLiteral("<0.01%");
    }
    const int decimals = p >= 10 || p == 0 ? 0 : p >= 1 ? 1 : 2;
    return QLocale(QLocale::English).toString(p, 'f', decimals) + QLatin1Char('%');
}

QString compactJson(const std::string &json, int maxChars)
{
    if (json.empty() || json == "{}") {
        return {};
    }
    QString text = QString::fromStdString(json).simplified();
    return cut(std::move(text), maxChars);
}

QString indentedJson(const std::string &json, int maxChars)
{
    if (json.empty() || json == "{}") {
        return {};
    }
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json));
    const QString text = doc.isNull() ? QString::fromStdString(json)
                                      : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    return cut(text, maxChars);
}

} // namespace awb::ui::format
