// SPDX-License-Identifier: GPL-3.0-or-later
// Table and column names the way Segment's warehouse connector writes them (segmentio/go-snakecase): words
// split at non-alphanumeric characters and at lower-to-upper case changes, joined with "_" in lower case,
// non-ASCII characters dropped. "Order Completed" -> order_completed, "signUp" -> sign_up,
// "FOO:BAR$BAZ" -> foo_bar_baz. Lossy: two names can give the same result.
#pragma once

#include <string>
#include <string_view>

namespace awb::warehouse {

std::string snakeCase(std::string_view name);

/// A name quoted as a PostgreSQL identifier ("order_completed"), for names built by snakeCase or fixed in
/// code.
std::string sqlName(std::string_view identifier);

/// A constant fixed in code as an SQL string literal ('Can''t Lose Them'); values from users are bound
/// instead.
std::string sqlText(std::string_view constant);

} // namespace awb::warehouse
