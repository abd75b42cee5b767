// SPDX-License-Identifier: GPL-3.0-or-later
// A window on a warehouse (warehouse mode). Its Segments tab has the segment builder's rule editor over the
// traits the warehouse computes, with a live count of the people a rule selects, counted inside the warehouse
// after each edit (only the newest count is shown); the traits refreshed on demand, the source mapping edited
// (SourceMappingDialog); the segment saved into
// the warehouse (members and who entered / left) and exported as a preset's CSV. Its Audiences tab is
// WarehouseAudiencesPanel. Every warehouse call runs off the UI thread.
#pragma once

#include "segments/Rule.h"
#include "warehouse/WarehouseService.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <cstdint>
#include <functional>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace awb::ui {

class JobRunner;
class RuleEditor;
class StatusLine;
class WarehouseAudiencesPanel;

class WarehouseWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// uri: the connection (with its password, kept in memory only); title: how to name it.
    WarehouseWindow(std::string uri, const QString &title, QWidget *parent = nullptr);
    ~WarehouseWindow() override;

    RuleEditor *ruleEditor() const { return m_editor; }
    WarehouseAudiencesPanel *audiencesPanel() const { return m_audiences; }
    /// The count shown ("" while counting), for tests.
    QString countText() const;
    /// Whether a count or another warehouse call is running (tests wait for it).
    bool isBusy() const;

signals:
    /// The warehouse was opened (traits ready) or failed to open.
    void opened();
    void counted();
    void jobDone();

private:
    struct CountResult
    {
        std::uint64_t generation = 0;
        Result<warehouse::WarehouseCount> count = fail(Error::Code::Internal, "not counted");
    };

    void startOpen();
    void onOpened(const warehouse::WarehouseSummary &summary);
    void scheduleCount();
    void startCount();
    void onCounted();
    void refreshTraits();
    /// Source mapping…: reads the stored mapping, then asks for the new one (storeMapping).
    void editMapping();
    /// Stores the mapping and computes the people and traits again; a refused mapping comes back in the
    /// dialog.
    void storeMapping(const warehouse::SourceMapping &mapping);
    void showMappingDialog(const warehouse::SourceMapping &mapping, const QString &error);
    void saveSegment();
    void exportSegment();
    void onJobFailed(const Error &error);
    void setBusy(bool busy, const QString &what = {});

    std::string m_uri;
    RuleEditor *m_editor;
    QLabel *m_summary;
    QLabel *m_count;
    QLineEdit *m_name;
    QComboBox *m_preset;
    QPushButton *m_refresh;
    QPushButton *m_mapping;
    QPushButton *m_save;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    StatusLine *m_status;
    JobRunner *m_jobs;
    WarehouseAudiencesPanel *m_audiences;
    QTimer *m_debounce;
    std::function<void()> m_onFinished;            ///< what the running job's success leads to
    std::function<void(const Error &)> m_onFailed; ///< what its failure leads to, beside the message
    QFutureWatcher<CountResult> m_countWatcher;
    std::uint64_t m_generation = 0;
    bool m_counting = false;   ///< a count runs (until its result is shown)
    bool m_countAgain = false; ///< the rule changed while counting
    std::int64_t m_nowMs = 0;
    QString m_schema;
};

} // namespace awb::ui
