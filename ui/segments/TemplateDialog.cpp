// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/TemplateDialog.h"

#include "charts/ChartPalette.h"
#include "segments/RuleVocabulary.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <set>

namespace awb::ui {

namespace {
// Parameters that name a value of the template's catalog column.
const std::set<std::string> kValueParams = {"brand", "category", "never"};

QString capitalised(const std::string &text)
{
    QString s = QString::fromStdString(text);
    if (!s.isEmpty()) {
        s[0] = s[0].toUpper();
    }
    return s;
}
} // namespace

bool TemplateDialog::needsInput(const segments::TemplateInfo &info)
{
    return std::any_of(info.params.begin(), info.params.end(),
                       [](const segments::TemplateParam &p) { return p.defaultValue.empty(); });
}

TemplateDialog::TemplateDialog(const segments::TemplateInfo &info, const RuleVocabulary &vocabulary,
                               QWidget *parent)
    : QDialog(parent), m_info(info), m_vocabulary(vocabulary)
{
    setObjectName(QStringLiteral("templateDialog"));
    setWindowTitle(QString::fromStdString(info.label));
    auto *description = new QLabel(QString::fromStdString(info.description), this);
    description->setWordWrap(true);
    description->setStyleSheet(QStringLiteral("color: %1;").arg(palette::mutedText().name()));
    auto *form = new QFormLayout;
    for (const segments::TemplateParam &p : info.params) {
        const QString label = capitalised(p.description);
        const QString name = QString::fromStdString(p.name);
        if (p.name == "column") {
            m_column = new QComboBox(this);
            m_column->setObjectName(QStringLiteral("templateParam_column"));
            for (const ColumnChoice &c : vocabulary.columns) {
                m_column->addItem(c.column);
            }
            m_column->setCurrentText(QString::fromStdString(p.defaultValue));
            form->addRow(label, m_column);
        } else if (kValueParams.count(p.name) > 0) {
            auto *combo = new QComboBox(this);
            combo->setObjectName(QStringLiteral("templateParam_") + name);
            combo->setEditable(true);
            combo->setInsertPolicy(QComboBox::NoInsert);
            combo->completer()->setFilterMode(Qt::MatchContains);
            combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
            m_values[p.name] = combo;
            form->addRow(label, combo);
            connect(combo, &QComboBox::currentTextChanged, this, &TemplateDialog::updateOk);
        } else {
            auto *edit = new QLineEdit(QString::fromStdString(p.defaultValue), this);
            edit->setObjectName(QStringLiteral("templateParam_") + name);
            edit->setValidator(new QDoubleValidator(edit));
            m_numbers[p.name] = edit;
            form->addRow(label, edit);
            connect(edit, &QLineEdit::textChanged, this, &TemplateDialog::updateOk);
        }
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Build the rule"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(description);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_column) {
        connect(m_column, &QComboBox::currentTextChanged, this, &TemplateDialog::fillValues);
    }
    fillValues();
}

void TemplateDialog::fillValues()
{
    const ColumnChoice *column = m_vocabulary.column(m_column ? m_column->currentText() : QString());
    int next = 0;
    // Each value list offers the column's values; the defaults differ (the most bought, then the next).
    for (auto &[name, combo] : m_values) {
        const QSignalBlocker block(combo);
        combo->clear();
        if (column) {
            combo->addItems(column->values);
            combo->setCurrentIndex(std::min(next++, static_cast<int>(column->values.size()) - 1));
        }
    }
    updateOk();
}

void TemplateDialog::updateOk()
{
    bool ok = true;
    for (const auto &[name, combo] : m_values) {
        ok = ok && !combo->currentText().trimmed().isEmpty();
    }
    for (const auto &[name, edit] : m_numbers) {
        ok = ok && edit->hasAcceptableInput();
    }
    m_ok->setEnabled(ok);
}

std::map<std::string, std::string> TemplateDialog::params() const
{
    std::map<std::string, std::string> out;
    if (m_column) {
        out["column"] = m_column->currentText().toStdString();
    }
    for (const auto &[name, combo] : m_values) {
        out[name] = combo->currentText().trimmed().toStdString();
    }
    for (const auto &[name, edit] : m_numbers) {
        bool ok = false;
        const double v = QLocale().toDouble(edit->text(), &ok);
        out[name] = ok ? QString::number(v, 'g', 15).toStdString() : edit->text().trimmed().toStdString();
    }
    return out;
}

void TemplateDialog::setParam(const std::string &name, const QString &value)
{
    if (name == "column" && m_column) {
        m_column->setCurrentText(value);
    } else if (const auto it = m_values.find(name); it != m_values.end()) {
        it->second->setCurrentText(value);
    } else if (const auto n = m_numbers.find(name); n != m_numbers.end()) {
        n->second->setText(value);
    }
}

} // namespace awb::ui
