// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/CatalogArea.h"

#include "catalog/CatalogOverview.h"
#include "catalog/ModelPage.h"
#include "charts/ChartPalette.h"
#include "jobs/JobProgressDialog.h"
#include "jobs/JobRunner.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "services/CatalogService.h"
#include "wizards/CatalogWizard.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace awb::ui {

namespace {
// Values read per column for the table and the target picker (the most interacted with first).
constexpr std::size_t kValuesPerColumn = 1000;
} // namespace

CatalogArea::CatalogArea(QWidget *parent)
    : QWidget(parent), m_heading(new QLabel(this)), m_edit(new QPushButton(tr("Edit catalog…"), this)),
      m_rebuildButton(new QPushButton(tr("Rebuild"), this)), m_stack(new QStackedWidget(this)),
      m_emptyText(new QLabel(this)), m_create(new QPushButton(tr("Create catalog…"), this)),
      m_tabs(new QTabWidget(this)), m_overview(new CatalogOverview(this)), m_model(new ModelPage(this)),
      m_rebuild(new JobRunner(this))
{
    setObjectName(QStringLiteral("catalogArea"));
    m_heading->setObjectName(QStringLiteral("catalogHeading"));
    m_heading->setTextFormat(Qt::RichText);
    m_edit->setObjectName(QStringLiteral("catalogEditButton"));
    m_rebuildButton->setObjectName(QStringLiteral("catalogRebuildButton"));
    m_rebuildButton->setToolTip(
        tr("Rebuild items, values and interactions from the events (after an import)."));
    m_tabs->setObjectName(QStringLiteral("catalogTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_overview, tr("Catalog"));
    m_tabs->addTab(m_model, tr("Model"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_heading, 1);
    header->addWidget(m_edit);
    header->addWidget(m_rebuildButton);
    m_stack->addWidget(createEmptyPage());
    m_stack->addWidget(m_tabs);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_stack, 1);

    connect(m_edit, &QPushButton::clicked, this, &CatalogArea::editCatalog);
    connect(m_create, &QPushButton::clicked, this, &CatalogArea::editCatalog);
    connect(m_rebuildButton, &QPushButton::clicked, this, &CatalogArea::rebuild);
    connect(m_rebuild, &JobRunner::finished, this, &CatalogArea::reload);
    // Whatever the outcome, the button comes back once the job is over (finished reloads).
    connect(m_rebuild, &JobRunner::cancelled, this,
            [this] { m_rebuildButton->setEnabled(m_definition.has_value()); });
    connect(m_rebuild, &JobRunner::failed, this, [this](const Error &e) {
        m_rebuildButton->setEnabled(m_definition.has_value());
        showError(this, e);
    });
    connect(m_overview, &CatalogOverview::targetChosen, this,
            [this](const QString &column, const QString &value) {
                m_model->setTarget(column, value);
                showTab(Tab::Model);
            });
    setWorkspace({});
}

QWidget *CatalogArea::createEmptyPage()
{
    auto *page = new QWidget(this);
    m_emptyText->setObjectName(QStringLiteral("catalogEmptyLabel"));
    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setFixedWidth(560);
    m_create->setObjectName(QStringLiteral("catalogCreateButton"));
    auto *icon = new QLabel(page);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/catalog.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_emptyText);
    row->addStretch(1);
    auto *button = new QHBoxLayout;
    button->addStretch(1);
    button->addWidget(m_create);
    button->addStretch(1);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    layout->addWidget(icon);
    layout->addLayout(row);
    layout->addLayout(button);
    layout->addStretch(2);
    return page;
}

void CatalogArea::setWorkspace(const QString &path)
{
    m_path = path;
    reload();
}

void CatalogArea::reload()
{
    m_definition.reset();
    const QString title = QStringLiteral("<span style=\"font-size:15pt; font-weight:600\">%1</span>")
                              .arg(tr("Recommendation catalog"));
    m_heading->setText(title);
    const bool open = !m_path.isEmpty();
    services::CatalogService service(m_path.toStdString());
    auto definition =
        open ? service.definition() : Result<std::optional<catalog::CatalogDefinition>>(std::nullopt);
    if (!definition) {
        showError(this, definition.error());
    }
    if (!definition || !*definition) {
        m_emptyText->setText(
            open ? tr("This workspace has no recommendation catalog yet. A catalog turns your "
                      "interaction events (views, cart adds, orders) into products with their "
                      "brands and categories, and the matrix the models learn from.")
                 : tr("Open a workspace to define its recommendation catalog."));
        m_create->setVisible(open);
        // The page's own Create button is the only action without a catalog.
        m_edit->hide();
        m_rebuildButton->hide();
        m_stack->setCurrentIndex(0);
        m_values.clear();
        m_built = false;
        m_model->setCatalog(m_path, {});
        emit catalogShown();
        return;
    }
    m_definition = **definition;
    const auto build = service.lastBuild();
    const std::optional<catalog::CatalogBuildInfo> info = build ? *build : std::nullopt;
    std::vector<ColumnValues> values;
    for (const catalog::CatalogColumn &c : m_definition->columns) {
        auto read = service.values(c.name, kValuesPerColumn);
        values.push_back(
            {QString::fromStdString(c.name), read ? std::move(*read) : std::vector<catalog::ValueCount>()});
    }
    m_heading->setText(title +
                       QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                           .arg(palette::mutedText().name(),
                                format::plural(static_cast<std::int64_t>(m_definition->events.size()),
                                               tr("%1 interaction event"), tr("%1 interaction events")) +
                                    QStringLiteral(" · ") +
                                    format::plural(static_cast<std::int64_t>(m_definition->columns.size()),
                                                   tr("%1 column"), tr("%1 columns"))));
    m_edit->show();
    m_rebuildButton->show();
    m_rebuildButton->setEnabled(!m_rebuild->isRunning());
    m_values = values;
    m_built = info.has_value();
    m_model->setCatalog(m_path, values);
    m_overview->showCatalog(*m_definition, info, std::move(values));
    m_tabs->setTabEnabled(static_cast<int>(Tab::Model), info.has_value());
    m_tabs->setTabToolTip(static_cast<int>(Tab::Model), info ? QString() : tr("Build the catalog first."));
    m_stack->setCurrentIndex(1);
    emit catalogShown();
}

CatalogWizard *CatalogArea::editCatalog()
{
    if (m_path.isEmpty()) {
        return nullptr;
    }
    auto *wizard = new CatalogWizard(m_path, m_definition, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    connect(wizard, &CatalogWizard::catalogSaved, this, &CatalogArea::reload);
    connect(wizard, &CatalogWizard::catalogBuilt, this, &CatalogArea::reload);
    wizard->open();
    return wizard;
}

bool CatalogArea::rebuild()
{
    if (!m_definition || m_rebuild->isRunning()) {
        return false;
    }
    const std::string path = m_path.toStdString();
    m_rebuildButton->setEnabled(false);
    const bool started = m_rebuild->start(tr("Rebuilding the catalog"), [path](ProgressSink &progress) {
        return services::CatalogService(path).build(progress);
    });
    if (started) {
        JobProgressDialog::follow(*m_rebuild, this);
    }
    return started;
}

void CatalogArea::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

} // namespace awb::ui
