#include "app/record_transition.h"
#include "app/use_cases.h"

namespace petitio {

Result<int> CloseExpiredPetitions(const AppContext& ctx) {
  const TimePoint now = ctx.clock.Now();
  int closed = 0;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<std::vector<int64_t>> ids = tx.ListOpenPetitionsClosingBy(now);
    if (!ids.ok()) return ids.status();
    for (int64_t id : *ids) {
      Result<Petition> p = tx.GetPetition(id);
      if (!p.ok()) return p.status();
      Result<Transition> tr = CloseIfExpired(*p, now);
      if (!tr.ok()) return tr.status();
      PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
      PETITIO_RETURN_IF_ERROR(RecordTransition(tx, id, *tr));
    }
    closed = static_cast<int>(ids->size());
    return Status::Ok();
  }));
  return closed;
}

}  // namespace petitio
