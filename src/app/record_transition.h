// Writes what a lifecycle Transition says happened (timeline events, threshold crossings)
// inside a store write unit. Internal to the use cases.
#pragma once

#include "domain/lifecycle.h"
#include "store/store.h"

namespace petitio {

Status RecordTransition(StoreTx& tx, int64_t petition_id, const Transition& tr);

}  // namespace petitio
