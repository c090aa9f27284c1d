#include "app/record_transition.h"

namespace petitio {

Status RecordTransition(StoreTx& tx, int64_t petition_id, const Transition& tr) {
  for (const TimelineEvent& e : tr.events) {
    PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(petition_id, e));
  }
  for (const ThresholdCrossing& c : tr.crossings) {
    PETITIO_RETURN_IF_ERROR(tx.RecordThresholdCrossing(petition_id, c));
  }
  return Status::Ok();
}

}  // namespace petitio
