// SPDX-License-Identifier: GPL-3.0-or-later
// Import wizard, step 4: what the import did, and the rejected rows with their line and reason.
#pragma once

#include <QWizardPage>

class QLabel;
class QTableView;

namespace awb::ui {

class StringTableModel;
struct ImportWizardState;

class ImportReportPage : public QWizardPage
{
    Q_OBJECT
public:
    ImportReportPage(ImportWizardState &state, QWidget *parent = nullptr);

    void initializePage() override;

private:
    QLabel *addCount(const QString &label, const QString &objectName);

    ImportWizardState &m_state;
    QWidget *m_counts;
    QLabel *m_rowsRead;
    QLabel *m_imported;
    QLabel *m_duplicates;
    QLabel *m_rejected;
    QLabel *m_profiles;
    QLabel *m_rejectionsTitle;
    StringTableModel *m_rejections;
    QTableView *m_rejectionsView;
};

} // namespace awb::ui
