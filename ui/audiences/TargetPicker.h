// SPDX-License-Identifier: GPL-3.0-or-later
// Step 1 of a recommendation audience: what to build around (a catalog column value, searchable with its
// product and interaction counts, or one product), who may enter, and the horizon.
#pragma once

#include "audience/AudienceTypes.h"
#include "catalog/CatalogValuesModel.h"
#include "segments/SegmentRepository.h"
#include "services/AudienceDraft.h"

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableView;

namespace awb::ui {

class CatalogValuesFilter;

class TargetPicker : public QWidget
{
    Q_OBJECT
public:
    explicit TargetPicker(QWidget *parent = nullptr);

    /// The catalog's column values to pick from (keeps the current choice when it still exists).
    void setCatalog(std::vector<ColumnValues> columns);
    /// Saved audiences the population can be restricted to or exclude (names).
    void setAudiences(const QStringList &names);
    /// Saved segments (rule or static) the population can be restricted to or exclude, listed after the
    /// audiences.
    void setSegments(const std::vector<segments::SavedSegment> &segments);

    void setTarget(const QString &column, const QString &value);
    void setProductTarget(const QString &productId);
    void setHorizonDays(int days);
    void setPopulation(const audience::Population &population);

    /// What to score; nullopt while the choice is incomplete.
    std::optional<services::DraftRequest> request() const;
    audience::Population population() const;
    /// The note under the values ("matches nothing in the catalog"), empty when none.
    QString note() const;
    QPushButton *scoreButton() const { return m_score; }

signals:
    /// The target, horizon or population changed (earlier scores no longer apply).
    void changed();
    /// Score was clicked (or Enter pressed) with a complete choice.
    void scoreRequested();

private:
    QWidget *createValueGroup();
    QWidget *createOptions();
    void applyFilter();
    void updateChoice();
    /// The value the choice stands for: the selected row, else the typed text.
    QString chosenValue() const;
    /// Refills the who-may-enter names: audiences, then segments, each under a heading.
    void fillPopulationNames();

    std::vector<ColumnValues> m_columns;
    QRadioButton *m_byValue;
    QRadioButton *m_byProduct;
    QComboBox *m_column;
    QLineEdit *m_search;
    CatalogValuesModel *m_values;
    CatalogValuesFilter *m_filter;
    QTableView *m_view;
    QLineEdit *m_product;
    QLabel *m_choice;
    QLabel *m_note;
    QComboBox *m_horizon;
    QComboBox *m_populationKind;
    QComboBox *m_populationAudience;
    QCheckBox *m_guests;
    QStringList m_audienceNames;
    std::vector<segments::SavedSegment> m_segments;
    QPushButton *m_score;
};

} // namespace awb::ui
