// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog wizard, step 5: the definition to save, then the build's progress and result.
#pragma once

#include "catalog/CatalogRepository.h"

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace awb::ui {

struct CatalogWizardState;

class CatalogSummaryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CatalogSummaryPage(CatalogWizardState &state, QWidget *parent = nullptr);

    void initializePage() override;
    /// False while the build runs, or when the definition is not valid.
    bool isComplete() const override;

    /// The build started: progress bar and its Cancel button show.
    void showBuilding();
    void showProgress(qint64 done, qint64 total, const QString &stage);
    void showBuilt(const catalog::CatalogBuildInfo &info);
    /// The build (or the save) did not complete.
    void showStopped(const QString &message, bool isError);

    QString summaryText() const;
    QString statusText() const;

signals:
    void cancelRequested();

private:
    CatalogWizardState &m_state;
    QLabel *m_summary;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    bool m_building = false;
    bool m_valid = false;
};

} // namespace awb::ui
