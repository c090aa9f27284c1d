// What staff do, each checked against the acting principal's role (domain/account.h):
// moderators lock a petition of the queue and decide it, and assign the authority that will
// consider it; that authority's officers record its consideration, extend its clocks and reply
// to statements; organisations file statements. A principal without the right gets
// kPermissionDenied "forbidden" and nothing changes.
#pragma once

#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/use_cases.h"
#include "domain/consideration.h"
#include "domain/statement.h"

namespace petitio {

inline constexpr int kModerationLockMinutes = 30;

// Takes (or renews) the lock on a moderatable petition; kConflict "locked" while another
// moderator's lock has not expired.
Result<ModerationLock> LockForModeration(const AppContext& ctx, const Principal& by,
                                         int64_t petition_id);
// Releases the principal's own lock (an admin may release any).
Status ReleaseModerationLock(const AppContext& ctx, const Principal& by, int64_t petition_id);
// ModeratePetition by a moderator who holds the lock, or on a petition nobody has locked; the
// lock is released by the decision.
Result<Petition> ModerateAs(const AppContext& ctx, const Principal& by, int64_t petition_id,
                            const ModerationInput& in);

// Names the authority (its code) whose officers consider the petition.
Result<Petition> AssignAuthority(const AppContext& ctx, const Principal& by, int64_t petition_id,
                                 const std::string& authority);

// An officer of the petition's authority records a step of its consideration. A registration
// sets the registration number and restarts the consideration clock from its day; a decision
// completes the consideration and publishes the outcome.
Result<ConsiderationRecord> RecordConsideration(const AppContext& ctx, const Principal& by,
                                                int64_t petition_id, ConsiderationRecord r);

// ExtendDeadline by an officer of the petition's authority.
Result<Petition> ExtendDeadlineAs(const AppContext& ctx, const Principal& by, int64_t petition_id,
                                  const ExtensionInput& in);

struct StatementInput {
  std::string position;  // "support", "oppose", "call_for_rejection", "comment"
  std::string text;
  std::vector<std::string> references;
};
// An organisation files its position on a public petition.
Result<Statement> FileStatement(const AppContext& ctx, const Principal& by, int64_t petition_id,
                                const StatementInput& in);
// An officer of the petition's authority attaches the authority's reply to a statement.
Result<Statement> ReplyToStatement(const AppContext& ctx, const Principal& by, int64_t statement_id,
                                   const std::string& text);

}  // namespace petitio
