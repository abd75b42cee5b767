// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentFreezer.h"

#include "jobs/JobProgressDialog.h"
#include "jobs/JobRunner.h"
#include "main/ShowError.h"
#include "segments/AsOfPicker.h"
#include "segments/LiveEvaluation.h"
#include "segments/RuleVocabulary.h"
#include "services/SegmentService.h"

#include <QDateTime>
#include <QInputDialog>
#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace awb::ui {

namespace {
// A freeze over loaded traits is quick: the progress dialog only opens when it takes longer than this.
constexpr int kDialogAfterMs = 400;
} // namespace

SegmentFreezer::SegmentFreezer(LiveEvaluation &live, QWidget *parent)
    : QObject(parent), m_live(live), m_parent(parent), m_job(new JobRunner(this))
{
    connect(m_job, &JobRunner::finished, this, [this] {
        const auto &s = m_job->result<segments::SavedSegment>();
        emit frozen(QString::fromStdString(s.name), s.memberCount);
    });
    connect(m_job, &JobRunner::failed, this, [this](const Error &e) {
        showError(m_parent, e);
        emit failed(e);
    });
}

QString SegmentFreezer::defaultName(const QString &source, const QStringList &taken) const
{
    const QString base = QString::fromStdString(services::SegmentService::frozenName(
        source.toStdString(), m_live.asOf(), QDateTime::currentMSecsSinceEpoch()));
    QString name = base;
    for (int n = 2; taken.contains(name); ++n) {
        name = base + QStringLiteral(" %1").arg(n);
    }
    return name;
}

void SegmentFreezer::ask(const QString &source, const QStringList &taken, bool unsaved)
{
    auto *dialog = new QInputDialog(m_parent);
    dialog->setObjectName(QStringLiteral("freezeSegmentDialog"));
    dialog->setWindowTitle(tr("Freeze segment"));
    const auto asOf = m_live.asOf();
    QString text =
        tr("Keep the people \"%1\" matches %2 as a static segment. Its members never change "
           "afterwards, whatever the data or the rule become.")
            .arg(source, AsOfPicker::describe(asOf, m_live.vocabulary() ? m_live.vocabulary()->nowMs : 0));
    if (unsaved) {
        text += QStringLiteral("\n\n") + tr("The snapshot uses the saved rule: your unsaved changes are not "
                                            "part of it (save first to include them).");
    }
    dialog->setLabelText(text + QStringLiteral("\n\n") + tr("Name of the static segment:"));
    dialog->setTextValue(defaultName(source, taken));
    dialog->setOkButtonText(tr("Freeze"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->resize(460, dialog->sizeHint().height());
    connect(dialog, &QInputDialog::textValueSelected, this, [this, source, taken](const QString &name) {
        const QString chosen = name.trimmed();
        if (chosen.isEmpty() || taken.contains(chosen)) {
            showError(m_parent,
                      Error{Error::Code::InvalidInput,
                            chosen.isEmpty()
                                ? tr("A segment needs a name.").toStdString()
                                : tr("A segment named \"%1\" exists already.").arg(chosen).toStdString(),
                            {}});
            return;
        }
        freeze(source, chosen);
    });
    dialog->open();
}

bool SegmentFreezer::freeze(const QString &source, const QString &name)
{
    if (m_job->isRunning() || m_live.workspace().isEmpty()) {
        return false;
    }
    services::TraitRequest traits;
    traits.asOfMs = m_live.asOf();
    // The traits the builder loaded when there are (same as-of date); else they are computed here.
    const bool started =
        m_job->start(tr("Freezing %1").arg(source),
                     [path = m_live.workspace().toStdString(), table = m_live.table(), traits,
                      source = source.toStdString(), name = name.toStdString()](ProgressSink &progress) {
                         services::SegmentService service(path);
                         // As for audiences: 10% held out to measure the campaign against.
                         const audience::ControlGroup control{audience::kDefaultControlShare,
                                                              audience::newControlSeed()};
                         return table ? service.freeze(source, name, table, progress, control)
                                      : service.freeze(source, name, traits, progress, control);
                     });
    if (started) {
        QTimer::singleShot(kDialogAfterMs, this, [this, job = QPointer<JobRunner>(m_job)] {
            if (job && job->isRunning()) {
                JobProgressDialog::follow(*job, m_parent);
            }
        });
    }
    return started;
}

} // namespace awb::ui
