// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/RuleOptions.h"

#include "segments/RuleJson.h"

#include <QFile>

namespace awb::cli {

Result<segments::Rule> ruleFromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(Error::Code::InvalidInput, "cannot read " + path.toStdString());
    }
    auto rule = segments::ruleFromJson(f.readAll().toStdString());
    if (!rule) {
        return fail(Error::Code::InvalidInput, path.toStdString() + ": " + rule.error().message);
    }
    return rule;
}

Result<std::map<std::string, std::string>> templateParams(const QCommandLineParser &parser)
{
    std::map<std::string, std::string> params;
    for (const QString &p : parser.values(QStringLiteral("param"))) {
        const qsizetype eq = p.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return fail(Error::Code::InvalidInput,
                        "bad --param '" + p.toStdString() + "' (expected KEY=VALUE)");
        }
        params[p.left(eq).trimmed().toStdString()] = p.mid(eq + 1).trimmed().toStdString();
    }
    return params;
}

} // namespace awb::cli
