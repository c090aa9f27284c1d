// AwaitAnswer: the blocking form of a use case that answers through a continuation (the
// `...Then` use cases, which hand their write to Store::WriteThen). `start` is called with the
// continuation; AwaitAnswer returns what it is given, once it is given. Not for the store's
// writer thread, which gives the answer.
#pragma once

#include <future>
#include <utility>

#include "domain/result.h"

namespace petitio {

template <typename T, typename Start>
Result<T> AwaitAnswer(Start start) {
  std::promise<Result<T>> answered;
  std::future<Result<T>> answer = answered.get_future();
  start([&answered](Result<T> r) { answered.set_value(std::move(r)); });
  return answer.get();
}

}  // namespace petitio
