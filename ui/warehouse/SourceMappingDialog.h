// SPDX-License-Identifier: GPL-3.0-or-later
// Source mapping… of the warehouse window: what the warehouse reads from the source schema (issue 16's
// "mapping once"), the identity columns of the event tables, the profile table and its key, the order and
// refund events and the columns of an order's value. Shown filled with what is stored; the window stores what
// is accepted and computes the people and traits again with it. When the warehouse refused a mapping, the
// dialog comes back with it and says why.
#pragma once

#include "warehouse/WarehouseTraits.h"

#include <QDialog>

class QLineEdit;

namespace awb::ui {

class SourceMappingDialog : public QDialog
{
    Q_OBJECT
public:
    /// error: why the warehouse refused this mapping (shown above the fields), empty when it did not.
    SourceMappingDialog(const QString &schema, const warehouse::SourceMapping &mapping, const QString &error,
                        QWidget *parent = nullptr);

    /// The fields as a mapping (trimmed; the order value's columns split at commas).
    warehouse::SourceMapping mapping() const;

private:
    QLineEdit *m_userId;
    QLineEdit *m_anonymousId;
    QLineEdit *m_profileTable;
    QLineEdit *m_profileKey;
    QLineEdit *m_orderEvent;
    QLineEdit *m_orderValue;
    QLineEdit *m_refundEvent;
};

} // namespace awb::ui
