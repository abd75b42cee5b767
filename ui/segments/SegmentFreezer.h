// SPDX-License-Identifier: GPL-3.0-or-later
// Freezing a saved segment into a static one, from the segment list or the builder: asks for the name (a
// non-blocking dialog; default "NAME (frozen YYYY-MM-DD)"), then freezes in the background over the traits
// the builder has loaded (the builder's as-of date), with a progress dialog and Cancel when it takes long.
#pragma once

#include "common/Error.h"

#include <QObject>
#include <QStringList>

class QWidget;

namespace awb::ui {

class JobRunner;
class LiveEvaluation;

class SegmentFreezer : public QObject
{
    Q_OBJECT
public:
    /// parent: where the dialogs open.
    SegmentFreezer(LiveEvaluation &live, QWidget *parent);

    /// "SOURCE (frozen YYYY-MM-DD)" for the as-of day (else today), made unique among taken.
    QString defaultName(const QString &source, const QStringList &taken) const;
    /// Asks for the name (objectName "freezeSegmentDialog"), then freezes. unsaved: the builder has edits
    /// that are not saved (the dialog says they are not part of the snapshot).
    void ask(const QString &source, const QStringList &taken, bool unsaved = false);
    /// Freezes source as name in the background; false while a freeze runs or without a workspace.
    bool freeze(const QString &source, const QString &name);
    JobRunner &job() const { return *m_job; }

signals:
    void frozen(const QString &name, qint64 members);
    void failed(const awb::Error &error);

private:
    LiveEvaluation &m_live;
    QWidget *m_parent;
    JobRunner *m_job;
};

} // namespace awb::ui
