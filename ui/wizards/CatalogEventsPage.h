// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog wizard, step 1: the interaction events, picked from the workspace's events with their counts.
#pragma once

#include <QWizardPage>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace awb::ui {

class EventChoiceModel;
struct CatalogWizardState;

class CatalogEventsPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CatalogEventsPage(CatalogWizardState &state, QWidget *parent = nullptr);

    /// Reads the workspace's events (once; a read-only preview) and checks the definition's events, or
    /// suggests the events that carry products when the definition has none.
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    EventChoiceModel *model() const { return m_model; }

private:
    void updateCounter();
    void showLimitMessage(const QString &name);

    CatalogWizardState &m_state;
    EventChoiceModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_counter;
    QLabel *m_message;
    bool m_loaded = false;
};

} // namespace awb::ui
