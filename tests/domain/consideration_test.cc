#include "domain/consideration.h"

#include <gtest/gtest.h>

#include "domain/statement.h"

namespace petitio {
namespace {

// A profile on UTC with no calendar needed for these rules.
Profile Utc() {
  Profile p;
  p.id = "test";
  return p;
}

TimePoint At(int y, int m, int d, int hour = 10) {
  return StartOfDay({y, m, d}) + std::chrono::hours(hour);
}

Petition Registered(bool with_number) {
  Petition p;
  p.registered_at = At(2024, 6, 9, 0);
  if (with_number) p.registration_number = "R-1";
  return p;
}

ConsiderationRecord Meeting(Date d, std::string minutes = "") {
  ConsiderationRecord r;
  r.kind = RecordKind::kMeeting;
  r.date = d;
  r.place = "Astana";
  r.agenda = "The petition";
  r.minutes = std::move(minutes);
  return r;
}

TEST(Consideration, RegistrationOnceAndOnlyAfterTheThreshold) {
  ConsiderationRecord reg;
  reg.kind = RecordKind::kRegistration;
  reg.date = {2024, 6, 9};
  reg.number = "R-1";
  const TimePoint now = At(2024, 6, 20);
  EXPECT_TRUE(ValidateRecord(reg, Registered(false), Utc(), now).ok());
  EXPECT_EQ(ValidateRecord(reg, Registered(true), Utc(), now).code(), "already_registered");
  EXPECT_EQ(ValidateRecord(reg, Petition{}, Utc(), now).code(), "not_registrable");
  reg.number = " ";
  EXPECT_EQ(ValidateRecord(reg, Registered(false), Utc(), now).code(), "missing_number");
  reg.number = "R-1";
  reg.date = {2024, 6, 21};
  EXPECT_EQ(ValidateRecord(reg, Registered(false), Utc(), now).code(), "date_in_future");
}

TEST(Consideration, MeetingsMayBeScheduledButHaveNoMinutesAhead) {
  const TimePoint now = At(2024, 6, 20);
  EXPECT_TRUE(ValidateRecord(Meeting({2024, 6, 21}), Registered(true), Utc(), now).ok());
  EXPECT_EQ(ValidateRecord(Meeting({2024, 6, 21}, "said"), Registered(true), Utc(), now).code(),
            "date_in_future");
  EXPECT_TRUE(ValidateRecord(Meeting({2024, 6, 20}, "said"), Registered(true), Utc(), now).ok());
  EXPECT_EQ(ValidateRecord(Meeting({2024, 6, 8}), Registered(true), Utc(), now).code(),
            "date_before_registration");
  EXPECT_EQ(ValidateRecord(Meeting({2024, 6, 12}), Registered(false), Utc(), now).code(),
            "not_registered");
  ConsiderationRecord no_place = Meeting({2024, 6, 12});
  no_place.place = "";
  EXPECT_EQ(ValidateRecord(no_place, Registered(true), Utc(), now).code(),
            "missing_meeting_details");
}

TEST(Consideration, ADecisionNeedsItsOutcomeAndAnswerAndEndsTheRecords) {
  const TimePoint now = At(2024, 8, 2);
  ConsiderationRecord dec;
  dec.kind = RecordKind::kDecision;
  dec.date = {2024, 8, 2};
  EXPECT_EQ(ValidateRecord(dec, Registered(true), Utc(), now).code(), "invalid_outcome");
  dec.outcome = DecisionOutcome::kPartiallyAccepted;
  EXPECT_EQ(ValidateRecord(dec, Registered(true), Utc(), now).code(), "missing_answer");
  dec.answer = "Because.";
  EXPECT_TRUE(ValidateRecord(dec, Registered(true), Utc(), now).ok());
  Petition decided = Registered(true);
  decided.decided_at = now;
  EXPECT_EQ(ValidateRecord(Meeting({2024, 8, 1}), decided, Utc(), now).code(), "already_decided");
}

TEST(Consideration, InTimeMeansOnOrBeforeTheDueDay) {
  StageDeadline consideration;
  consideration.stage = Stage::kConsideration;
  consideration.due = Date{2024, 8, 5};
  const std::vector<StageDeadline> deadlines = {consideration};
  ConsiderationRecord r = Meeting({2024, 8, 5});
  ASSERT_EQ(DeadlineOf(r, deadlines), &deadlines[0]);
  EXPECT_EQ(InTime(r, DeadlineOf(r, deadlines)), true);
  r.date = {2024, 8, 6};
  EXPECT_EQ(InTime(r, DeadlineOf(r, deadlines)), false);
  r.kind = RecordKind::kRegistration;
  EXPECT_EQ(DeadlineOf(r, deadlines), nullptr);
  EXPECT_FALSE(InTime(r, nullptr).has_value());
}

TEST(Consideration, StoredListsRoundTripAndRefuseGarbage) {
  const std::vector<std::string> items = {"", "a:b", "Мәжіліс", std::string("x\0y", 3)};
  EXPECT_EQ(DecodeStrings(EncodeStrings(items)).value(), items);
  EXPECT_TRUE(DecodeStrings("").value().empty());
  for (const char* bad : {"3:ab", "x:1", ":", "1", "99999999999:a"}) {
    EXPECT_FALSE(DecodeStrings(bad).ok()) << bad;
  }
}

TEST(Statement, PositionsTextAndReferences) {
  for (Position p :
       {Position::kSupport, Position::kOppose, Position::kCallForRejection, Position::kComment}) {
    EXPECT_EQ(ParsePosition(PositionName(p)), p);
  }
  Statement s;
  s.text = "Reject it.";
  s.references = {"ICCPR, art. 20(2)"};
  EXPECT_TRUE(ValidateStatement(s).ok());
  s.references.push_back("line\nbreak");
  EXPECT_EQ(ValidateStatement(s).code(), "invalid_references");
  s.references.pop_back();
  s.text = "  ";
  EXPECT_EQ(ValidateStatement(s).code(), "invalid_text");
  s.text = "ok";
  EXPECT_TRUE(ValidateReply(s, "Noted.").ok());
  s.reply = StatementReply{"Noted.", {}, 1};
  EXPECT_EQ(ValidateReply(s, "Again.").code(), "already_replied");
}

}  // namespace
}  // namespace petitio
