// SPDX-License-Identifier: GPL-3.0-or-later
// When the segment builder computes the traits: as of the last event (just after it) or as of the start of
// a chosen day (later events unseen), as `--as-of DATE` does on the command line.
#pragma once

#include <QWidget>

#include <cstdint>
#include <optional>

class QComboBox;
class QDateEdit;

namespace awb::ui {

class AsOfPicker : public QWidget
{
    Q_OBJECT
public:
    explicit AsOfPicker(QWidget *parent = nullptr);

    /// Shows a time without announcing it (nullopt = now).
    void setAsOf(std::optional<std::int64_t> asOfMs);
    /// nullopt = now; else the start (UTC) of the chosen day.
    std::optional<std::int64_t> asOf() const;
    /// The day a newly chosen date starts from (the latest data's day), also named by the first choice.
    /// nowMs: the traits' now in that mode, just after the last event.
    void setLatest(std::int64_t nowMs);

    /// How traits computed at nowMs read: "as of the last event, 2026-10-31 (UTC)" when asOfMs is nullopt
    /// (nowMs is then just after the last event), else "as of the start of 2026-10-01 (UTC)".
    static QString describe(std::optional<std::int64_t> asOfMs, std::int64_t nowMs);

signals:
    /// The user chose now or another day.
    void asOfChanged();

private:
    void updateVisibility();

    QComboBox *m_mode;
    QDateEdit *m_date;
};

} // namespace awb::ui
