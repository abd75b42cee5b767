// SPDX-License-Identifier: GPL-3.0-or-later
// Import wizard, the step before the import starts: what will be read, how, and what the preview found.
#pragma once

#include <QWizardPage>

#include <cstdint>
#include <vector>

class QCheckBox;
class QLabel;

namespace awb::ui {

struct ImportWizardState;

class ImportSummaryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ImportSummaryPage(ImportWizardState &state, QWidget *parent = nullptr);

    void initializePage() override;
    int nextId() const override;
    /// The summary as shown (rich text).
    QString text() const;

private:
    /// Says which files were imported before, and offers to replace a run that read one through a different
    /// mapping.
    void showEarlierImports();

    ImportWizardState &m_state;
    QLabel *m_summary;
    QLabel *m_earlier;      ///< earlier imports of the same files, when there are
    QCheckBox *m_replace;   ///< replace those read through a different mapping
    std::vector<std::int64_t> m_otherMappingRuns;
};

} // namespace awb::ui
