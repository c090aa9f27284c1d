#include "domain/statement.h"

#include "domain/text.h"

namespace petitio {

std::string_view PositionName(Position p) {
  switch (p) {
    case Position::kSupport:
      return "support";
    case Position::kOppose:
      return "oppose";
    case Position::kCallForRejection:
      return "call_for_rejection";
    case Position::kComment:
      return "comment";
  }
  return "comment";
}

std::optional<Position> ParsePosition(std::string_view name) {
  for (Position p :
       {Position::kSupport, Position::kOppose, Position::kCallForRejection, Position::kComment}) {
    if (PositionName(p) == name) return p;
  }
  return std::nullopt;
}

namespace {

bool WithinLength(std::string_view s, size_t max) {
  const std::string_view t = Trim(s);
  return !t.empty() && IsValidUtf8(t) && CodePointCount(t) <= max &&
         !HasControlCharacters(t, max > 300);
}

}  // namespace

Status ValidateStatement(const Statement& s) {
  if (!WithinLength(s.text, 20000)) {
    return Status::Invalid("a statement has a text of 1 to 20,000 characters", "invalid_text");
  }
  if (s.references.size() > 20) {
    return Status::Invalid("a statement cites at most 20 references", "invalid_references");
  }
  for (const std::string& r : s.references) {
    if (!WithinLength(r, 300)) {
      return Status::Invalid("each reference has 1 to 300 characters on one line",
                             "invalid_references");
    }
  }
  return Status::Ok();
}

Status ValidateReply(const Statement& s, const std::string& text) {
  if (s.reply) return Status::Conflict("the statement already has a reply", "already_replied");
  if (!WithinLength(text, 20000)) {
    return Status::Invalid("a reply has 1 to 20,000 characters", "invalid_text");
  }
  return Status::Ok();
}

}  // namespace petitio
