// Statements: an organisation's public position on a petition, with the legal references it
// relies on, and the authority's reply to it. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

enum class Position { kSupport, kOppose, kCallForRejection, kComment };
std::string_view PositionName(Position p);  // "support", "oppose", "call_for_rejection", ...
std::optional<Position> ParsePosition(std::string_view name);

struct StatementReply {
  std::string text;
  TimePoint at;
  int64_t by = 0;  // the officer's account
};

struct Statement {
  int64_t id = 0;
  int64_t petition_id = 0;
  int64_t organisation_account = 0;
  std::string organisation;  // its public name, as on the account when filed
  Position position = Position::kComment;
  std::string text;
  std::vector<std::string> references;  // e.g. "ICCPR, art. 20(2)"
  TimePoint filed_at;
  std::optional<StatementReply> reply;
};

// The text is 1-20,000 characters; at most 20 references of 1-300 characters each.
Status ValidateStatement(const Statement& s);
// A reply is 1-20,000 characters and there is at most one.
Status ValidateReply(const Statement& s, const std::string& text);

}  // namespace petitio
