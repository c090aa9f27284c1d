// What the addressed authority records while it considers a petition, each a dated entry of the
// petition's public timeline: its registration (number and date), the working group (members and
// their bodies), meetings (date, place, agenda, participants, minutes, attachments as text), the
// public discussion, and the decision (accepted, partially accepted or rejected, with the
// reasoned answer and the planned measures).
//
// Officers record what happened on the day it happened (a meeting held yesterday, a registration
// made on paper): `date` is that day in the jurisdiction, `recorded_at` the server's clock.
// A meeting dated after today is scheduled; every other record is of a day already begun.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/petition.h"
#include "domain/result.h"
#include "domain/stage_deadlines.h"
#include "domain/time.h"

namespace petitio {

enum class RecordKind { kRegistration, kWorkingGroup, kMeeting, kPublicDiscussion, kDecision };
std::string_view RecordKindName(RecordKind k);  // "registration", "working_group", ...
std::optional<RecordKind> ParseRecordKind(std::string_view name);

enum class DecisionOutcome { kAccepted, kPartiallyAccepted, kRejected };
std::string_view DecisionOutcomeName(DecisionOutcome o);
std::optional<DecisionOutcome> ParseDecisionOutcome(std::string_view name);

struct GroupMember {
  std::string name;
  std::string body;  // the state body, parliament or organisation they represent
  friend bool operator==(const GroupMember&, const GroupMember&) = default;
};

struct Attachment {
  std::string title;
  std::string text;
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

struct ConsiderationRecord {
  int64_t id = 0;
  int64_t petition_id = 0;
  RecordKind kind = RecordKind::kMeeting;
  Date date;  // the day it happened (or, for a scheduled meeting, will happen)
  TimePoint recorded_at;
  int64_t recorded_by = 0;                 // the officer's account
  std::string number;                      // registration
  std::vector<GroupMember> members;        // working group
  std::string place;                       // meeting, public discussion
  std::string agenda;                      // meeting
  std::vector<std::string> participants;   // meeting, public discussion
  std::string minutes;                     // meeting: what was said and decided
  std::string summary;                     // public discussion
  std::vector<Attachment> attachments;     // meeting, public discussion
  std::optional<DecisionOutcome> outcome;  // decision
  std::string answer;                      // decision: the reasoned answer
  std::string measures;                    // decision: the planned measures
};

// Checks a record against the rules and against the petition it is for, days counted in the
// profile's jurisdiction: a registration once, on or before today, only after the petition
// reached a registering threshold; every other record after the registration and not before its
// day; a decision once, with an outcome and a reasoned answer; nothing after the decision.
Status ValidateRecord(const ConsiderationRecord& r, const Petition& p, const Profile& profile,
                      TimePoint now);

// The deadline a record answers to among a petition's stage deadlines: consideration, or the
// answer where the profile has that clock instead; null for the registration, which starts it.
const StageDeadline* DeadlineOf(const ConsiderationRecord& r,
                                const std::vector<StageDeadline>& deadlines);
// Whether the record came in time: its day is not after the deadline's due day (extensions
// included); nullopt when there is no deadline or its due day is unknown.
std::optional<bool> InTime(const ConsiderationRecord& r, const StageDeadline* deadline);

// Lists of strings as one string, and back (for storage): each item as its length in decimal,
// ':' and its bytes. DecodeStrings fails on anything else.
std::string EncodeStrings(const std::vector<std::string>& items);
Result<std::vector<std::string>> DecodeStrings(std::string_view text);

}  // namespace petitio
