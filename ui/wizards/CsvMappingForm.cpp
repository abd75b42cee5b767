// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CsvMappingForm.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTabWidget>

#include <algorithm>

namespace awb::ui {

namespace {

using ingest::CsvMapping;

const QString kAuto = QStringLiteral("auto");
const QString kUtc = QStringLiteral("UTC");

constexpr const char *kTimestampFormats[] = {
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%Y%m%d", "%s"};
constexpr const char *kCurrencies[] = {"USD", "EUR", "GBP", "BRL", "CAD", "AUD", "JPY", "CHF", "SEK", "INR"};
constexpr const char *kTimezones[] = {"Europe/London",    "Europe/Paris",    "Europe/Berlin",
                                      "America/New_York", "America/Chicago", "America/Los_Angeles",
                                      "Asia/Tokyo",       "Australia/Sydney"};

// Header names (lower case, without spaces, '_' and '-', and without a lookup's "name." prefix) that
// suggest a column for a new custom mapping, most telling first; then endings ("order_purchase_timestamp").
struct Guess
{
    std::string CsvMapping::*member;
    std::vector<const char *> names;
    std::vector<const char *> endings;
};

const std::vector<Guess> &guesses()
{
    static const std::vector<Guess> list = {
        // A person's id across orders (Olist's customer_unique_id) before a per-order customer id.
        {&CsvMapping::userIdColumn, {"customeruniqueid", "userid", "customerid", "user", "customer", "householdid"}, {}},
        {&CsvMapping::anonymousIdColumn, {"anonymousid", "anonid", "visitorid", "deviceid"}, {}},
        {&CsvMapping::eventColumn, {"event", "eventname", "eventtype", "action"}, {}},
        {&CsvMapping::timestampColumn,
         {"timestamp", "eventtime", "datetime", "time", "createdat", "invoicedate", "orderdate", "date"},
         {"timestamp", "createdat", "datetime", "date"}},
        {&CsvMapping::messageIdColumn, {"messageid", "eventid"}, {}},
        {&CsvMapping::emailColumn, {"email", "emailaddress", "mail"}, {}},
        {&CsvMapping::productIdColumn, {"productid", "sku", "stockcode", "itemid", "movieid"}, {}},
        {&CsvMapping::priceColumn, {"price", "unitprice", "amount"}, {}},
        {&CsvMapping::quantityColumn, {"quantity", "qty"}, {}},
        {&CsvMapping::orderIdColumn, {"orderid", "invoiceno", "invoice", "basketid", "transactionid"}, {}},
    };
    return list;
}

QString normalised(QString name)
{
    name = name.mid(name.lastIndexOf(QLatin1Char('.')) + 1).toLower();
    name.remove(QLatin1Char(' '));
    name.remove(QLatin1Char('_'));
    name.remove(QLatin1Char('-'));
    return name;
}

// The first column (in the order of names, then of endings) a guess matches, or empty.
QString guessed(const Guess &g, const QStringList &columns)
{
    for (const char *name : g.names) {
        for (const QString &column : columns) {
            if (normalised(column) == QLatin1String(name)) {
                return column;
            }
        }
    }
    for (const char *ending : g.endings) {
        for (const QString &column : columns) {
            if (normalised(column).endsWith(QLatin1String(ending))) {
                return column;
            }
        }
    }
    return {};
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
      m_timezone(new QComboBox(this)), m_currency(new QComboBox(this)), m_skipColumn(new QComboBox(this)),
      m_skipValues(new QLineEdit(this)), m_columnLists(new QTabWidget(this))
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
    place(6, 1, tr("Currency"), m_currency);
    place(7, 0, tr("Skip rows where"), m_skipColumn);
    place(7, 1, tr("holds"), m_skipValues);

    m_currency->setObjectName(QStringLiteral("mapCurrencyCombo"));
    m_currency->setEditable(true);
    m_currency->addItem(QString());
    for (const char *code : kCurrencies) {
        m_currency->addItem(QString::fromLatin1(code));
    }
    m_currency->setToolTip(tr("ISO code of the amounts' currency, stored with each event that has money"));
    m_skipColumn->setObjectName(QStringLiteral("mapSkipColumnCombo"));
    m_skipColumn->setMinimumContentsLength(14);
    m_skipColumn->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_skipValues->setObjectName(QStringLiteral("mapSkipValuesEdit"));
    m_skipValues->setPlaceholderText(tr("e.g. canceled, unavailable"));
    m_skipValues->setToolTip(tr("Rows whose column holds one of these values (comma-separated) are skipped and "
                                "counted, not imported"));
    connect(m_currency, &QComboBox::currentTextChanged, this, &CsvMappingForm::emitEdited);
    connect(m_skipColumn, &QComboBox::currentIndexChanged, this, &CsvMappingForm::emitEdited);
    connect(m_skipValues, &QLineEdit::textEdited, this, &CsvMappingForm::emitEdited);
    m_columnLists->setObjectName(QStringLiteral("mapColumnListsTabs"));
    addColumnList(&CsvMapping::propertyColumns, QStringLiteral("mapPropertiesList"), tr("Event"),
                  tr("Columns copied into each event's properties"));
    addColumnList(&CsvMapping::productPropertyColumns, QStringLiteral("mapProductPropertiesList"),
                  tr("Product"),
                  tr("Columns copied into each product's properties (category, brand, name...): the catalog "
                     "wizard offers them"));
    addColumnList(&CsvMapping::profileColumns, QStringLiteral("mapProfileColumnsList"), tr("Profile"),
                  tr("Columns describing the row's person (city, country, accepts marketing...), stored on "
                     "their profile"));
    g->addWidget(new QLabel(tr("Keep columns as properties of the"), this), 0, 4);
    g->addWidget(m_columnLists, 1, 4, 7, 1);
    g->setColumnStretch(1, 2);
    g->setColumnStretch(3, 2);
    g->setColumnStretch(4, 2);

    connect(m_fixedEvent, &QLineEdit::textEdited, this, &CsvMappingForm::emitEdited);
    connect(m_timestampFormat, &QComboBox::currentTextChanged, this, &CsvMappingForm::emitEdited);
    connect(m_timezone, &QComboBox::currentTextChanged, this, &CsvMappingForm::emitEdited);
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

void CsvMappingForm::addColumnList(std::vector<std::string> ingest::CsvMapping::*member, const QString &objectName,
                                   const QString &title, const QString &toolTip)
{
    auto *list = new QListWidget(m_columnLists);
    list->setObjectName(objectName);
    list->setToolTip(toolTip);
    m_columnLists->addTab(list, title);
    m_lists.push_back({member, list});
    connect(list, &QListWidget::itemChanged, this, &CsvMappingForm::emitEdited);
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
    m_skipColumn->clear();
    m_skipColumn->addItem(tr("(no filter)"), QString());
    for (const QString &c : columns) {
        m_skipColumn->addItem(c, c);
    }
    for (const ColumnList &l : m_lists) {
        l.list->clear();
        for (const QString &c : columns) {
            auto *item = new QListWidgetItem(c, l.list);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
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
    m_currency->setCurrentText(q(m.currency));
    // The first row filter (a mapping file may hold more: they are kept as they are).
    m_skipShown = m.skipRows.empty() ? std::string() : m.skipRows.begin()->first;
    int skip = m_skipColumn->findData(q(m_skipShown));
    if (skip < 0) {
        m_skipColumn->addItem(tr("%1 (not in file)").arg(q(m_skipShown)), q(m_skipShown));
        skip = m_skipColumn->count() - 1;
    }
    m_skipColumn->setCurrentIndex(skip);
    m_skipValues->setText(m_skipShown.empty() ? QString()
                                              : q(m.skipRows.begin()->second).replace(QLatin1Char('|'),
                                                                                      QStringLiteral(", ")));
    m_timestampFormat->setCurrentText(m.timestampFormat.empty() ? kAuto : q(m.timestampFormat));
    m_timezone->setCurrentText(m.timezone.empty() ? kUtc : q(m.timezone));
    for (const ColumnList &l : m_lists) {
        const std::vector<std::string> &ticked = m.*(l.member);
        for (int i = 0; i < l.list->count(); ++i) {
            QListWidgetItem *item = l.list->item(i);
            const std::string name = item->text().toStdString();
            item->setCheckState(std::find(ticked.begin(), ticked.end(), name) != ticked.end() ? Qt::Checked
                                                                                             : Qt::Unchecked);
        }
    }
    m_updating = false;
}

void CsvMappingForm::applyTo(ingest::CsvMapping &m) const
{
    for (const ColumnField &f : m_fields) {
        m.*(f.member) = f.combo->currentData().toString().toStdString();
    }
    m.fixedEvent = m_fixedEvent->text().trimmed().toStdString();
    m.currency = m_currency->currentText().trimmed().toUpper().toStdString();
    m.skipRows.erase(m_skipShown);
    const std::string skipColumn = m_skipColumn->currentData().toString().toStdString();
    QStringList values;
    for (const QString &v : m_skipValues->text().split(QLatin1Char(','))) {
        if (!v.trimmed().isEmpty()) {
            values << v.trimmed();
        }
    }
    m_skipShown.clear();
    if (!skipColumn.empty() && !values.isEmpty()) {
        m.skipRows[skipColumn] = values.join(QLatin1Char('|')).toStdString();
        m_skipShown = skipColumn;
    }
    const QString format = m_timestampFormat->currentText().trimmed();
    m.timestampFormat = format == kAuto ? std::string() : format.toStdString();
    const QString zone = m_timezone->currentText().trimmed();
    m.timezone = zone.compare(kUtc, Qt::CaseInsensitive) == 0 ? std::string() : zone.toStdString();
    for (const ColumnList &l : m_lists) {
        std::vector<std::string> &ticked = m.*(l.member);
        ticked.clear();
        for (int i = 0; i < l.list->count(); ++i) {
            if (l.list->item(i)->checkState() == Qt::Checked) {
                ticked.push_back(l.list->item(i)->text().toStdString());
            }
        }
    }
}

std::vector<std::string> CsvMappingForm::mappedColumns(const ingest::CsvMapping &mapping)
{
    std::vector<std::string> used = mapping.propertyColumns;
    used.insert(used.end(), mapping.productPropertyColumns.begin(), mapping.productPropertyColumns.end());
    used.insert(used.end(), mapping.profileColumns.begin(), mapping.profileColumns.end());
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
        if ((m.*(g.member)).empty()) {
            m.*(g.member) = guessed(g, columns).toStdString();
        }
    }
    // Rows of orders without an event column are purchases.
    if (m.eventColumn.empty() && m.fixedEvent.empty() && !m.orderIdColumn.empty()) {
        m.fixedEvent = "Order Completed";
    }
    // A category or brand travels with each product, so the catalog wizard finds it.
    // (A lookup's key repeats a column of the file it joins: the first one is taken.)
    if (!m.productIdColumn.empty() && m.productPropertyColumns.empty()) {
        QStringList taken;
        for (const QString &column : columns) {
            const QString n = normalised(column);
            if ((n.contains(QLatin1String("category")) || n.contains(QLatin1String("brand"))) && !taken.contains(n)) {
                taken << n;
                m.productPropertyColumns.push_back(column.toStdString());
            }
        }
    }
}

} // namespace awb::ui
