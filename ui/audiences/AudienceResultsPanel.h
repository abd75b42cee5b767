// SPDX-License-Identifier: GPL-3.0-or-later
// The audience page's campaign results: conversion among the exported members against the control group
// since the audience's "now", the lift with its interval, revenue per member and predicted against observed
// conversion per decile (services::audienceResults, measured in the background on request).
#pragma once

#include "services/AudienceResults.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace awb::ui {

class JobRunner;

class AudienceResultsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AudienceResultsPanel(QWidget *parent = nullptr);

    /// Shows the hint for an audience (results of another one are cleared).
    void setAudience(const QString &workspacePath, const audience::AudienceInfo &info);
    /// Measures in the background; false while a measurement runs or without an audience.
    bool measure();
    /// What counts as a conversion: empty = the audience's target (as predicted), else an event name.
    void setConversionEvent(const QString &event);
    JobRunner &job() const { return *m_job; }
    const std::optional<services::AudienceOutcome> &outcome() const { return m_outcome; }
    QString text() const;

private:
    void showOutcome();

    QString m_path;
    std::string m_audience;
    bool m_hasControl = false;
    std::optional<services::AudienceOutcome> m_outcome;
    JobRunner *m_job;
    QLabel *m_text;
    QComboBox *m_event;
    QPushButton *m_measure;
};

} // namespace awb::ui
