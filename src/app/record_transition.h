// Writes what a lifecycle Transition says happened (timeline events, threshold crossings, and
// the notifications of a publication or a threshold reached) inside a store write unit.
// Internal to the use cases, which call NotifyCourier after the unit when Notifies(tr).
#pragma once

#include "domain/lifecycle.h"
#include "store/store.h"

namespace petitio {

Status RecordTransition(StoreTx& tx, int64_t petition_id, const Transition& tr);
bool Notifies(const Transition& tr);

}  // namespace petitio
