// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/ProfilePage.h"

#include "data/DataTableView.h"
#include "models/DisplayFormat.h"
#include "models/EventTableModel.h"
#include "models/StringTableModel.h"
#include "services/DataBrowserService.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace awb::ui {

namespace {

QGroupBox *boxAround(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(content);
    return box;
}

DataTableView *smallTable(StringTableModel *model, const QString &objectName, QWidget *parent)
{
    auto *view = new DataTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setWordWrap(false);
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    return view;
}

QString summaryText(const services::ProfileDetail &p)
{
    QString text = QObject::tr("First seen %1 · Last seen %2 · %3")
                       .arg(format::timestamp(p.firstSeenMs), format::timestamp(p.lastSeenMs),
                            format::plural(p.eventCount, QObject::tr("%1 event"), QObject::tr("%1 events")));
    if (p.mergedProfiles > 0) {
        text += QObject::tr(" · merged from %1 profiles").arg(p.mergedProfiles + 1);
    }
    return text;
}

} // namespace

ProfilePage::ProfilePage(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_summary(new QLabel(this)),
      m_identities(new StringTableModel({tr("Kind"), tr("Identity")}, this)),
      m_traits(new StringTableModel({tr("Attribute"), tr("Value")}, this)),
      m_timeline(new EventTableModel(this)), m_timelineView(new DataTableView(this))
{
    setObjectName(QStringLiteral("profilePage"));
    m_title->setObjectName(QStringLiteral("profileTitleLabel"));
    m_summary->setObjectName(QStringLiteral("profileSummaryLabel"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_timelineView->setObjectName(QStringLiteral("profileTimelineTable"));
    m_timelineView->setPagedModel(m_timeline, &EventTableModel::isSortable, EventTableModel::TimeColumn,
                                  Qt::DescendingOrder);
    m_timelineView->setColumnWidthsInChars({19, 15, 0, 0, 0});
    // The profile column repeats the page's profile and the ids are listed on the left.
    m_timelineView->hideColumn(EventTableModel::ProfileColumn);
    m_timelineView->hideColumn(EventTableModel::UserIdColumn);
    m_timelineView->hideColumn(EventTableModel::AnonymousIdColumn);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(boxAround(
        tr("Identities"), smallTable(m_identities, QStringLiteral("profileIdentitiesTable"), this), this));
    left->addWidget(
        boxAround(tr("Attributes"), smallTable(m_traits, QStringLiteral("profileTraitsTable"), this), this));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(boxAround(tr("Event timeline (newest first)"), m_timelineView, this));
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({440, 660});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
}

Result<void> ProfilePage::showProfile(services::DataBrowserService &service, std::int64_t profileId)
{
    auto detail = service.profile(profileId);
    if (!detail) {
        return fail(detail.error());
    }
    const services::ProfileDetail &p = *detail;
    m_service = &service;
    m_profileId = p.id;
    m_title->setText(p.email.empty() ? tr("Profile %1").arg(p.id)
                                     : tr("Profile %1 · %2").arg(p.id).arg(QString::fromStdString(p.email)));
    m_summary->setText(summaryText(p));

    std::vector<QStringList> identities;
    for (const std::string &id : p.userIds) {
        identities.push_back({tr("User ID"), QString::fromStdString(id)});
    }
    for (const std::string &id : p.anonymousIds) {
        identities.push_back({tr("Anonymous ID"), QString::fromStdString(id)});
    }
    if (!p.email.empty()) {
        identities.push_back({tr("Email"), QString::fromStdString(p.email)});
    }
    m_identities->setRows(std::move(identities));

    std::vector<QStringList> traits;
    for (const auto &[key, value] : p.attributes) {
        traits.push_back({QString::fromStdString(key), QString::fromStdString(value)});
    }
    m_traits->setRows(std::move(traits));

    if (m_timeline->service() != &service) {
        m_timeline->setService(&service);
    }
    m_timeline->setProfileId(p.id);
    return {};
}

void ProfilePage::clear()
{
    m_service = nullptr;
    m_profileId = 0;
    m_title->clear();
    m_summary->clear();
    m_identities->setRows({});
    m_traits->setRows({});
    m_timeline->setService(nullptr);
}

void ProfilePage::reload()
{
    if (m_service && m_profileId != 0) {
        (void)showProfile(*m_service, m_profileId);
    }
}

} // namespace awb::ui
