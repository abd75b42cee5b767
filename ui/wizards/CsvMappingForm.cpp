// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CsvMappingForm.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>

#include <algorithm>

namespace awb::ui {

namespace {

using ingest::CsvMapping;

const QString kAuto = QStringLiteral("auto");
const QString kUtc = QStringLiteral("UTC");

constexpr const char *kTimestampFormats[] = {
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%Y%m%d", "%s"};
constexpr const char *kTimezones[] = {"Europe/London",    "Europe/Paris",    "Europe/Berlin",
                                      "America/New_York", "America/Chicago", "America/Los_Angeles",
                                      "Asia/Tokyo",       "Australia/Sydney"};

// Header names (lower case, without spaces, '_' and '-') that suggest a column for a new custom mapping.
struct Guess
{
    std::string CsvMapping::*member;
    std::vector<const char *> names;
};

const std::vector<Guess> &guesses()
{
    static const std::vector<Guess> list = {
        {&CsvMapping::userIdColumn, {"userid", "customerid", "user", "customer", "householdid"}},
        {&CsvMapping::anonymousIdColumn, {"anonymousid", "anonid", "visitorid", "deviceid"}},
        {&CsvMapping::eventColumn, {"event", "eventname", "eventtype", "action"}},
        {&CsvMapping::timestampColumn,
         {"timestamp", "time", "datetime", "date", "eventtime", "createdat", "invoicedate",
          "transactiontimestamp"}},
        {&CsvMapping::messageIdColumn, {"messageid", "eventid"}},
        {&CsvMapping::emailColumn, {"email", "emailaddress", "mail"}},
        {&CsvMapping::productIdColumn, {"productid", "sku", "stockcode", "itemid", "movieid"}},
        {&CsvMapping::priceColumn, {"price", "unitprice", "amount"}},
        {&CsvMapping::quantityColumn, {"quantity", "qty"}},
        {&CsvMapping::orderIdColumn, {"orderid", "invoiceno", "invoice", "basketid", "transactionid"}},
    };
    return list;
}

QString normalised(QString name)
{
    name = name.toLower();
    name.remove(QLatin1Char(' '));
    name.remove(QLatin1Char('_'));
    name.remove(QLatin1Char('-'));
    return name;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// The member pointers of the fields with a column picker, in the order of the grid.
const std::vector<std::string CsvMapping::*> &columnMembers()
{
    static const std::vector<std::string CsvMapping::*> members = {
        &CsvMapping::userIdColumn,    &CsvMapping::anonymousIdColumn, &CsvMapping::eventColumn,
        &CsvMapping::timestampColumn, &CsvMapping::messageIdColumn,   &CsvMapping::emailColumn,
        &CsvMapping::orderIdColumn,   &CsvMapping::productIdColumn,   &CsvMapping::priceColumn,
        &CsvMapping::quantityColumn};
    return members;
}

} // namespace

CsvMappingForm::CsvMappingForm(QWidget *parent)
    : QWidget(parent), m_fixedEvent(new QLineEdit(this)), m_timestampFormat(new QComboBox(this)),
      m_timezone(new QComboBox(this)), m_properties(new QListWidget(this))
{
    buildTimeFields();
    auto *g = new QGridLayout(this);
    g->setContentsMargins(0, 0, 0, 0);
    auto place = [&](int r, int c, const QString &label, QWidget *w) {
        g->addWidget(new QLabel(label, this), r, c * 2);
        g->addWidget(w, r, c * 2 + 1);
    };
    place(0, 0, tr("User ID"), addColumnField(&CsvMapping::userIdColumn, QStringLiteral("mapUserIdCombo")));
    place(0, 1, tr("Anonymous ID"),
          addColumnField(&CsvMapping::anonymousIdColumn, QStringLiteral("mapAnonymousIdCombo")));
    m_eventColumn = addColumnField(&CsvMapping::eventColumn, QStringLiteral("mapEventCombo"));
    place(1, 0, tr("Event name"), m_eventColumn);
    place(1, 1, tr("Fixed event name"), m_fixedEvent);
    place(2, 0, tr("Timestamp"),
          addColumnField(&CsvMapping::timestampColumn, QStringLiteral("mapTimestampCombo")));
    place(2, 1, tr("Time format"), m_timestampFormat);
    place(3, 0, tr("Time zone"), m_timezone);
    place(3, 1, tr("Message ID"),
          addColumnField(&CsvMapping::messageIdColumn, QStringLiteral("mapMessageIdCombo")));
    place(4, 0, tr("Email"), addColumnField(&CsvMapping::emailColumn, QStringLiteral("mapEmailCombo")));
    place(4, 1, tr("Order ID"),
          addColumnField(&CsvMapping::orderIdColumn, QStringLiteral("mapOrderIdCombo")));
    place(5, 0, tr("Product ID"),
          addColumnField(&CsvMapping::productIdColumn, QStringLiteral("mapProductIdCombo")));
    place(5, 1, tr("Price"), addColumnField(&CsvMapping::priceColumn, QStringLiteral("mapPriceCombo")));
    place(6, 0, tr("Quantity"),
          addColumnField(&CsvMapping::quantityColumn, QStringLiteral("mapQuantityCombo")));

    m_properties->setObjectName(QStringLiteral("mapPropertiesList"));
    m_properties->setToolTip(tr("Columns copied into each event's properties"));
    g->addWidget(new QLabel(tr("Properties"), this), 0, 4);
    g->addWidget(m_properties, 1, 4, 6, 1);
    g->setColumnStretch(1, 2);
    g->setColumnStretch(3, 2);
    g->setColumnStretch(4, 1);

    connect(m_fixedEvent, &QLineEdit::textEdited, this, &CsvMappingForm::emitEdited);
    connect(m_timestampFormat, &QComboBox::currentTextChanged, this, &CsvMappingForm::emitEdited);
    connect(m_timezone, &QComboBox::currentTextChanged, this, &CsvMappingForm::emitEdited);
    connect(m_properties, &QListWidget::itemChanged, this, &CsvMappingForm::emitEdited);
}

void CsvMappingForm::buildTimeFields()
{
    m_fixedEvent->setObjectName(QStringLiteral("mapFixedEventEdit"));
    m_fixedEvent->setPlaceholderText(tr("one name for every row"));
    m_timestampFormat->setObjectName(QStringLiteral("mapTimestampFormatCombo"));
    m_timestampFormat->setEditable(true);
    m_timestampFormat->addItem(kAuto);
    for (const char *f : kTimestampFormats) {
        m_timestampFormat->addItem(QString::fromLatin1(f));
    }
    m_timestampFormat->setToolTip(
        tr("auto: ISO 8601, \"YYYY-MM-DD HH:MM:SS\" or Unix seconds / milliseconds. "
           "Otherwise strftime-like: %Y %m %d %H %M %S %b %p %z %s"));
    m_timezone->setObjectName(QStringLiteral("mapTimezoneCombo"));
    m_timezone->setEditable(true);
    m_timezone->addItem(kUtc);
    for (const char *z : kTimezones) {
        m_timezone->addItem(QString::fromLatin1(z));
    }
    m_timezone->setToolTip(tr("IANA time zone of times written without an offset"));
}

QComboBox *CsvMappingForm::addColumnField(std::string CsvMapping::*member, const QString &objectName)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(objectName);
    combo->setMinimumContentsLength(14);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_fields.push_back({member, combo});
    connect(combo, &QComboBox::currentIndexChanged, this, &CsvMappingForm::emitEdited);
    return combo;
}

void CsvMappingForm::emitEdited()
{
    if (!m_updating) {
        emit edited();
    }
}

void CsvMappingForm::setColumns(const QStringList &columns)
{
    ingest::CsvMapping current;
    applyTo(current);
    m_updating = true;
    for (const ColumnField &f : m_fields) {
        f.combo->clear();
        f.combo->addItem(f.combo == m_eventColumn ? tr("(none: fixed name)") : tr("(none)"), QString());
        for (const QString &c : columns) {
            f.combo->addItem(c, c);
        }
    }
    m_properties->clear();
    for (const QString &c : columns) {
        auto *item = new QListWidgetItem(c, m_properties);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_updating = false;
    setMapping(current);
}

void CsvMappingForm::setMapping(const ingest::CsvMapping &m)
{
    m_updating = true;
    for (const ColumnField &f : m_fields) {
        const QString column = q(m.*(f.member));
        int index = f.combo->findData(column);
        if (index < 0) {
            f.combo->addItem(tr("%1 (not in file)").arg(column), column);
            index = f.combo->count() - 1;
        }
        f.combo->setCurrentIndex(index);
    }
    m_fixedEvent->setText(q(m.fixedEvent));
    m_timestampFormat->setCurrentText(m.timestampFormat.empty() ? kAuto : q(m.timestampFormat));
    m_timezone->setCurrentText(m.timezone.empty() ? kUtc : q(m.timezone));
    for (int i = 0; i < m_properties->count(); ++i) {
        QListWidgetItem *item = m_properties->item(i);
        const std::string name = item->text().toStdString();
        const auto &props = m.propertyColumns;
        item->setCheckState(std::find(props.begin(), props.end(), name) != props.end() ? Qt::Checked
                                                                                       : Qt::Unchecked);
    }
    m_updating = false;
}

void CsvMappingForm::applyTo(ingest::CsvMapping &m) const
{
    for (const ColumnField &f : m_fields) {
        m.*(f.member) = f.combo->currentData().toString().toStdString();
    }
    m.fixedEvent = m_fixedEvent->text().trimmed().toStdString();
    const QString format = m_timestampFormat->currentText().trimmed();
    m.timestampFormat = format == kAuto ? std::string() : format.toStdString();
    const QString zone = m_timezone->currentText().trimmed();
    m.timezone = zone.compare(kUtc, Qt::CaseInsensitive) == 0 ? std::string() : zone.toStdString();
    m.propertyColumns.clear();
    for (int i = 0; i < m_properties->count(); ++i) {
        if (m_properties->item(i)->checkState() == Qt::Checked) {
            m.propertyColumns.push_back(m_properties->item(i)->text().toStdString());
        }
    }
}

std::vector<std::string> CsvMappingForm::mappedColumns(const ingest::CsvMapping &mapping)
{
    std::vector<std::string> used = mapping.propertyColumns;
    for (const auto member : columnMembers()) {
        if (!(mapping.*member).empty()) {
            used.push_back(mapping.*member);
        }
    }
    return used;
}

void CsvMappingForm::guessColumns(const QStringList &columns, ingest::CsvMapping &m)
{
    for (const Guess &g : guesses()) {
        for (const QString &column : columns) {
            const QString n = normalised(column);
            const bool match = std::any_of(g.names.begin(), g.names.end(),
                                           [&](const char *name) { return n == QLatin1String(name); });
            if (match && (m.*(g.member)).empty()) {
                m.*(g.member) = column.toStdString();
            }
        }
    }
}

} // namespace awb::ui
