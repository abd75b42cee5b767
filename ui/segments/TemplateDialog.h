// SPDX-License-Identifier: GPL-3.0-or-later
// Asks for the parameters of a template that needs some (the category or brand to build around): catalog
// columns and their values (most buyers first) are offered in lists, numbers start at their defaults.
#pragma once

#include "segments/Templates.h"

#include <QDialog>

#include <map>
#include <string>
#include <vector>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace awb::ui {

struct RuleVocabulary;

class TemplateDialog : public QDialog
{
    Q_OBJECT
public:
    TemplateDialog(const segments::TemplateInfo &info, const RuleVocabulary &vocabulary,
                   QWidget *parent = nullptr);

    /// Whether the template has a parameter without a default (it must ask before building the rule).
    static bool needsInput(const segments::TemplateInfo &info);

    const segments::TemplateInfo &info() const { return m_info; }
    std::map<std::string, std::string> params() const;
    /// Sets a parameter's field (tests).
    void setParam(const std::string &name, const QString &value);

private:
    void fillValues();
    void updateOk();

    segments::TemplateInfo m_info;
    const RuleVocabulary &m_vocabulary;
    QComboBox *m_column = nullptr;
    std::map<std::string, QComboBox *> m_values;
    std::map<std::string, QLineEdit *> m_numbers;
    QPushButton *m_ok = nullptr;
};

} // namespace awb::ui
