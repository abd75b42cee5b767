// SPDX-License-Identifier: GPL-3.0-or-later
// A small shop export in five CSV files, laid out like the public Olist data set (order items, orders,
// customers, products, a category translation), and the one mapping that imports it without a pre-join.
#pragma once

#include "TestUtil.h"

#include <QDir>
#include <QString>

#include <string>

namespace awb::test {

struct ShopFiles
{
    std::string items, orders, customers, products, translation, mapping;
};

inline ShopFiles writeShop(const QString &dir, const std::string &extraItems = {},
                           const std::string &extraProducts = {}, const std::string &mappingExtra = {})
{
    const QDir d(dir);
    ShopFiles f;
    f.items =
        writeFile(d.filePath(QStringLiteral("order_items.csv")),
                  "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n"
                  "o1,1,p1,s1,2017-10-06 11:07:15,58.90,13.29\n"
                  "o1,2,p2,s1,2017-10-06 11:07:15,239.90,19.93\n"
                  "o2,1,p1,s2,2017-10-08 09:00:00,58.90,10.00\n" +
                      extraItems);
    f.orders = writeFile(d.filePath(QStringLiteral("orders.csv")),
                         "order_id,customer_id,order_status,order_purchase_timestamp\n"
                         "o1,c1,delivered,10/2/2017 10:56\n"
                         "o2,c2,delivered,10/3/2017 9:05\n");
    f.customers =
        writeFile(d.filePath(QStringLiteral("customers.csv")),
                  "customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\n"
                  "c1,U1,01001,sao paulo,SP\n"
                  "c2,U2,20001,rio de janeiro,RJ\n");
    f.products = writeFile(d.filePath(QStringLiteral("products.csv")),
                           "product_id,product_category_name,product_weight_g\n"
                           "p1,beleza_saude,300\n"
                           "p2,informatica_acessorios,1200\n" +
                               extraProducts);
    f.translation = writeFile(d.filePath(QStringLiteral("category_translation.csv")),
                              "product_category_name,product_category_name_english\n"
                              "beleza_saude,health_beauty\n"
                              "informatica_acessorios,computers_accessories\n");
    f.mapping = writeFile(d.filePath(QStringLiteral("shop.json")),
                          R"({
  "version": 2,
  "factFile": "order_items.csv",
  "lookups": [
    {"name": "orders", "file": "orders.csv", "key": "order_id", "on": "order_id", "required": true},
    {"name": "customers", "file": "customers.csv", "key": "customer_id", "on": "orders.customer_id",
     "required": true},
    {"name": "products", "file": "products.csv", "key": "product_id", "on": "product_id"},
    {"name": "categories", "file": "category_translation.csv", "key": "product_category_name",
     "on": "products.product_category_name"}
  ],
  "userIdColumn": "customers.customer_unique_id",
  "fixedEvent": "Order Completed",
  "timestampColumn": "orders.order_purchase_timestamp",
  "timestampFormat": "%m/%d/%Y %H:%M",
  "orderIdColumn": "order_id",
  "orderWindow": -1,
  "productIdColumn": "product_id",
  "priceColumn": "price",
  "propertyColumns": ["orders.order_status"],
  "productPropertyColumns": ["categories.product_category_name_english", "products.product_category_name"],
  "propertyNames": {"orders.order_status": "status",
                    "categories.product_category_name_english": "category",
                    "products.product_category_name": "category_pt"})" +
                              mappingExtra + "\n}\n");
    return f;
}

} // namespace awb::test
