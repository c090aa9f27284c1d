#include "app/staff_actions.h"

#include <chrono>

#include "app/notifications.h"
#include "app/validation.h"
#include "domain/text.h"

namespace petitio {

namespace {

Status Forbidden(const std::string& why) {
  return Status(ErrorKind::kPermissionDenied, "forbidden", why);
}

const Profile* ProfileOf(const AppContext& ctx, const Petition& p) {
  return ctx.profiles.Find(p.profile_id);
}

TimePoint StartOfLocalDay(const Profile& profile, const Date& d) {
  return profile.EndOfLocalDay(AddDays(d, -1));
}

// The lock of `petition_id` held by someone else and not expired, if any.
Result<std::optional<ModerationLock>> OthersLock(StoreTx& tx, const Principal& by,
                                                 int64_t petition_id, TimePoint now) {
  Result<ModerationLock> lock = tx.GetModerationLock(petition_id);
  if (!lock.ok()) {
    if (lock.status().kind() == ErrorKind::kNotFound) return std::optional<ModerationLock>();
    return lock.status();
  }
  if (lock->account_id == by.account.id || now >= lock->expires_at) {
    return std::optional<ModerationLock>();
  }
  return std::optional<ModerationLock>(*lock);
}

Status LockedBy(const AppContext& ctx, const ModerationLock& lock) {
  Result<Account> holder = ctx.store.GetAccount(lock.account_id);
  return Status::Conflict((holder.ok() ? holder->name : std::string("another moderator")) +
                              " is working on this petition until the lock expires",
                          "locked");
}

// The mail a record sends to the petition's subscribers: its subject and text in English, and
// its values by name for the other languages; no subject: none is sent (the working group's
// composition is on the page).
struct Notice {
  std::string subject;
  std::string body;
  std::vector<std::pair<std::string, std::string>> args;
};

Notice NoticeOf(const ConsiderationRecord& r) {
  const std::string day = FormatDate(r.date);
  switch (r.kind) {
    case RecordKind::kRegistration:
      return {"The petition is registered for consideration",
              "The authority registered the petition on " + day + " as No. " + r.number + ".",
              {{"date", day}, {"number", r.number}}};
    case RecordKind::kMeeting:
      return {
          "A meeting on the petition",
          "The working group meets (or met) on " + day + " at " + r.place + ". Agenda: " + r.agenda,
          {{"date", day}, {"place", r.place}, {"agenda", r.agenda}}};
    case RecordKind::kPublicDiscussion:
      return {
          "The public discussion of the petition",
          "The public discussion takes place (or took place) on " + day + " at " + r.place + ".",
          {{"date", day}, {"place", r.place}}};
    case RecordKind::kDecision: {
      const std::string outcome(DecisionOutcomeName(*r.outcome));
      return {"The decision on the petition",
              "The authority decided on " + day + ": " + outcome + ".\n\n" + r.answer,
              {{"date", day}, {"outcome", outcome}, {"answer", r.answer}}};
    }
    case RecordKind::kWorkingGroup:
      break;
  }
  return {};
}

}  // namespace

Result<ModerationLock> LockForModeration(const AppContext& ctx, const Principal& by,
                                         int64_t petition_id) {
  if (!CanModerate(by.account)) return Forbidden("only moderators work on the queue");
  const TimePoint now = ctx.clock.Now();
  ModerationLock lock{petition_id, by.account.id, now,
                      now + std::chrono::minutes(kModerationLockMinutes)};
  std::optional<ModerationLock> held;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    const Profile* profile = ProfileOf(ctx, *p);
    if (profile == nullptr) return Status::Internal("petition has an unknown profile");
    if (!IsModeratable(p->state, profile->order())) {
      return Status::Conflict("the petition is not awaiting moderation", "not_moderatable");
    }
    Result<std::optional<ModerationLock>> other = OthersLock(tx, by, petition_id, now);
    if (!other.ok()) return other.status();
    if (*other) {
      held = **other;
      return Status::Ok();
    }
    return tx.PutModerationLock(lock);
  }));
  if (held) return LockedBy(ctx, *held);
  return lock;
}

Status ReleaseModerationLock(const AppContext& ctx, const Principal& by, int64_t petition_id) {
  if (!CanModerate(by.account)) return Forbidden("only moderators work on the queue");
  return ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<ModerationLock> lock = tx.GetModerationLock(petition_id);
    if (!lock.ok()) {
      return lock.status().kind() == ErrorKind::kNotFound ? Status::Ok() : lock.status();
    }
    if (lock->account_id != by.account.id && by.account.role != Role::kAdmin) {
      return Forbidden("only its holder or an admin releases a lock");
    }
    return tx.DeleteModerationLock(petition_id);
  });
}

Result<Petition> ModerateAs(const AppContext& ctx, const Principal& by, int64_t petition_id,
                            const ModerationInput& in) {
  if (!CanModerate(by.account)) return Forbidden("only moderators decide on petitions");
  std::optional<ModerationLock> held;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<std::optional<ModerationLock>> other = OthersLock(tx, by, petition_id, ctx.clock.Now());
    if (!other.ok()) return other.status();
    held = *other;
    return Status::Ok();
  }));
  if (held) return LockedBy(ctx, *held);
  Result<Petition> p = ModeratePetition(ctx, petition_id, in);
  if (!p.ok()) return p.status();
  (void)ctx.store.Write([&](StoreTx& tx) { return tx.DeleteModerationLock(petition_id); });
  return p;
}

Result<Petition> AssignAuthority(const AppContext& ctx, const Principal& by, int64_t petition_id,
                                 const std::string& authority) {
  if (!CanModerate(by.account)) return Forbidden("moderators assign petitions to authorities");
  const std::string code(Trim(authority));
  if (!IsAuthorityCode(code)) {
    return Status::Invalid("an authority's code is 1-64 of a-z, 0-9 and '-'", "invalid_authority");
  }
  Petition out;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    if (p->state == PetitionState::kPending) {
      return Status::Conflict("the initiator has not confirmed the petition", "not_confirmed");
    }
    p->authority = code;
    PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
    PETITIO_RETURN_IF_ERROR(
        tx.AppendTimeline(p->id, {ctx.clock.Now(), "assigned", "to authority " + code}));
    out = *p;
    return Status::Ok();
  }));
  return out;
}

Result<ConsiderationRecord> RecordConsideration(const AppContext& ctx, const Principal& by,
                                                int64_t petition_id, ConsiderationRecord r) {
  const TimePoint now = ctx.clock.Now();
  r.petition_id = petition_id;
  r.recorded_at = now;
  r.recorded_by = by.account.id;
  bool notify = false;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    if (!IsOfficerOf(by.account, *p)) {
      return Forbidden("only officers of the petition's authority record its consideration");
    }
    const Profile* profile = ProfileOf(ctx, *p);
    if (profile == nullptr) return Status::Internal("petition has an unknown profile");
    PETITIO_RETURN_IF_ERROR(ValidateRecord(r, *p, *profile, now));
    if (r.kind == RecordKind::kRegistration) {
      p->registration_number = std::string(Trim(r.number));
      p->registered_at = StartOfLocalDay(*profile, r.date);
      PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
    } else if (r.kind == RecordKind::kDecision) {
      p->decided_at = StartOfLocalDay(*profile, r.date);
      p->decision = std::string(DecisionOutcomeName(*r.outcome));
      PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
    }
    Result<int64_t> id = tx.InsertConsiderationRecord(r);
    if (!id.ok()) return id.status();
    r.id = *id;
    Notice notice = NoticeOf(r);
    if (notice.subject.empty()) return Status::Ok();
    notify = true;
    return QueueNotification(tx, petition_id, std::string(RecordKindName(r.kind)), notice.subject,
                             notice.body, now, std::move(notice.args));
  }));
  if (notify) NotifyCourier(ctx);
  return r;
}

Result<Petition> ExtendDeadlineAs(const AppContext& ctx, const Principal& by, int64_t petition_id,
                                  const ExtensionInput& in) {
  Result<Petition> p = ctx.store.GetPetition(petition_id);
  if (!p.ok()) return PetitionLookupError(p.status());
  if (!IsOfficerOf(by.account, *p)) {
    return Forbidden("only officers of the petition's authority extend its clocks");
  }
  return ExtendDeadline(ctx, petition_id, in);
}

Result<Statement> FileStatement(const AppContext& ctx, const Principal& by, int64_t petition_id,
                                const StatementInput& in) {
  if (!CanFileStatements(by.account)) return Forbidden("only organisations file statements");
  const std::optional<Position> position = ParsePosition(in.position);
  if (!position) {
    return Status::Invalid("position must be support, oppose, call_for_rejection or comment",
                           "invalid_position");
  }
  Statement s;
  s.petition_id = petition_id;
  s.organisation_account = by.account.id;
  s.organisation = by.account.organisation;
  s.position = *position;
  s.text = std::string(Trim(in.text));
  for (const std::string& ref : in.references) s.references.emplace_back(Trim(ref));
  s.filed_at = ctx.clock.Now();
  PETITIO_RETURN_IF_ERROR(ValidateStatement(s));
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    if (!IsVisible(p->state)) return Status::NotFound("no such petition", "petition_not_found");
    Result<int64_t> id = tx.InsertStatement(s);
    if (!id.ok()) return id.status();
    s.id = *id;
    return Status::Ok();
  }));
  return s;
}

Result<Statement> ReplyToStatement(const AppContext& ctx, const Principal& by, int64_t statement_id,
                                   const std::string& text) {
  Statement out;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Statement> s = tx.GetStatement(statement_id);
    if (!s.ok()) return s.status();
    Result<Petition> p = tx.GetPetition(s->petition_id);
    if (!p.ok()) return p.status();
    if (!IsOfficerOf(by.account, *p)) {
      return Forbidden("only officers of the petition's authority reply to its statements");
    }
    const std::string clean(Trim(text));
    PETITIO_RETURN_IF_ERROR(ValidateReply(*s, clean));
    s->reply = StatementReply{clean, ctx.clock.Now(), by.account.id};
    PETITIO_RETURN_IF_ERROR(tx.UpdateStatementReply(*s));
    out = *s;
    return Status::Ok();
  }));
  return out;
}

}  // namespace petitio
