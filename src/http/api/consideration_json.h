// JSON of the authority's consideration records and of organisations' statements (docs/api.md),
// and their parsing from request bodies. Dates are "YYYY-MM-DD" (the day in the petition's
// jurisdiction); times RFC 3339 UTC.
#pragma once

#include <boost/json.hpp>

#include "app/staff_actions.h"
#include "domain/consideration.h"
#include "domain/statement.h"

namespace petitio::http {

boost::json::object RecordJson(const ConsiderationRecord& r);
boost::json::object StatementJson(const Statement& s);

// A record from a JSON body {kind, date, number?, members?: [{name, body}], place?, agenda?,
// participants?: [..], minutes?, summary?, attachments?: [{title, text}], outcome?, answer?,
// measures?}; InvalidArgument naming the field that is wrong.
Result<ConsiderationRecord> ParseRecordJson(const boost::json::value& body);
// A statement from {position, text, references?: [..]}.
Result<StatementInput> ParseStatementJson(const boost::json::value& body);

}  // namespace petitio::http
