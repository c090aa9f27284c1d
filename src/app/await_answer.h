// AwaitAnswer: the blocking form of a use case that answers through a continuation (the
// `...Then` use cases, which hand their write to Store::WriteThen). `start` is called with the
// continuation; AwaitAnswer returns what it is given, once it is given. A continuation only wakes
// the courier (it runs on the writer's thread); where the context has none (tests, tools, demo
// data), AwaitAnswer delivers what the write queued on this thread, as NotifyCourier does. Not
// for the store's writer thread, which gives the answer.
#pragma once

#include <future>
#include <utility>

#include "app/context.h"
#include "app/notifications.h"
#include "domain/result.h"

namespace petitio {

template <typename T, typename Start>
Result<T> AwaitAnswer(const AppContext& ctx, Start start) {
  std::promise<Result<T>> answered;
  std::future<Result<T>> answer = answered.get_future();
  start([&answered](Result<T> r) { answered.set_value(std::move(r)); });
  Result<T> out = answer.get();
  if (out.ok() && ctx.courier == nullptr) NotifyCourier(ctx);  // no courier to wake: deliver now
  return out;
}

}  // namespace petitio
