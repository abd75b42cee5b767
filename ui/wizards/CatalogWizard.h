// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog wizard, in Segment's order: events, product ids, columns, weights, summary; Save and build
// then saves the definition and builds the catalog as a background job.
#pragma once

#include "wizards/CatalogWizardState.h"

#include <QWizard>

#include <optional>

namespace awb::ui {

class CatalogColumnsPage;
class CatalogEventsPage;
class CatalogProductIdPage;
class CatalogSummaryPage;
class CatalogWeightsPage;
class JobRunner;

class CatalogWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        EventsPageId,
        ProductIdPageId,
        ColumnsPageId,
        WeightsPageId,
        SummaryPageId,
    };

    /// existing: the saved definition to edit (the pages open prefilled), or nullopt for a new catalog.
    CatalogWizard(const QString &workspacePath, std::optional<catalog::CatalogDefinition> existing,
                  QWidget *parent = nullptr);
    ~CatalogWizard() override;

    CatalogWizardState &state() { return m_state; }
    CatalogEventsPage *eventsPage() const { return m_events; }
    CatalogProductIdPage *productIdPage() const { return m_productIds; }
    CatalogColumnsPage *columnsPage() const { return m_columns; }
    CatalogWeightsPage *weightsPage() const { return m_weights; }
    CatalogSummaryPage *summaryPage() const { return m_summary; }
    JobRunner &buildJob() const { return *m_build; }

    /// First press (Save and build): saves the definition and starts the build; the wizard stays open
    /// with its progress. Once built, the button reads Close and closes the wizard.
    void accept() override;
    /// Closing while the build runs cancels it first (the saved definition stays).
    void reject() override;

signals:
    /// The definition was saved (the catalog page should show it, built or not).
    void catalogSaved();
    /// The build finished; the result is in state().built.
    void catalogBuilt();

private:
    void onBuilt();
    void onBuildStopped(const QString &message, bool isError);

    CatalogWizardState m_state;
    CatalogEventsPage *m_events;
    CatalogProductIdPage *m_productIds;
    CatalogColumnsPage *m_columns;
    CatalogWeightsPage *m_weights;
    CatalogSummaryPage *m_summary;
    JobRunner *m_build;
    bool m_closeWhenStopped = false;
};

} // namespace awb::ui
