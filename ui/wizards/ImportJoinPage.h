// SPDX-License-Identifier: GPL-3.0-or-later
// Import wizard, join step (CSV with lookup files): how each lookup file joins the events file (its key
// column, the column holding the key, whether a row without a match is rejected), with a preview of the
// first rows joined.
#pragma once

#include <QWizardPage>

#include <map>
#include <set>
#include <string>
#include <vector>

class QLabel;
class QTableView;
class QTableWidget;

namespace awb::ui {

class ImportCheckRunner;
class StringTableModel;
struct ImportWizardState;

class ImportJoinPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ImportJoinPage(ImportWizardState &state, QWidget *parent = nullptr);

    /// Adds the lookup files chosen on the files page that the mapping does not join yet, with guessed
    /// keys, drops lookups whose file was removed from the list, and previews the join.
    void initializePage() override;
    void cleanupPage() override {}
    /// Refuses a lookup without a name, key or "on" column, two lookups with one name, or a join the
    /// preview could not make (the message names the file).
    bool validatePage() override;
    int nextId() const override;

    /// Sets lookup row's key column, "on" column or required flag (as its widgets do).
    void setJoin(int row, const QString &key, const QString &on, bool required);
    /// Why validatePage() would refuse, or empty.
    QString problem() const;
    ImportCheckRunner &preview() const { return *m_check; }

signals:
    /// A preview of the joined rows (or why there is none) is shown.
    void previewShown();

private:
    void rebuildTable();
    void edited();
    void showPreview();
    /// The header of a file, read once per visit of the page (the table is rebuilt on every edit).
    const std::vector<std::string> &headerOf(const std::string &path);
    /// The columns a lookup may be joined on: the events file's, then those of the lookups before it.
    QStringList columnsBefore(std::size_t lookup) const;

    ImportWizardState &m_state;
    std::vector<std::string> m_factHeader;
    std::vector<std::vector<std::string>> m_lookupHeaders; ///< by lookup, as m_state.mapping.lookups
    std::set<std::string> m_fromFilesPage;
    std::map<std::string, std::vector<std::string>> m_headers; ///< by path, see headerOf ///< lookup files this page added from the files page
    QTableWidget *m_table;
    QLabel *m_status;
    QLabel *m_error;
    StringTableModel *m_preview;
    QTableView *m_previewView;
    ImportCheckRunner *m_check;
};

} // namespace awb::ui
