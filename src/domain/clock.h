// Clock: the only source of "now". Nothing in Petitio reads the wall clock except through a
// Clock it is given, so tests and imports of historical cases can fix time.
//
// SystemClock is safe to share between threads. FixedClock is safe too: Set and Advance are
// atomic, and Now returns the last value set.
#pragma once

#include <atomic>

#include "domain/time.h"

namespace petitio {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

// The system clock shifted so that it read `start` when constructed: time runs at its normal
// pace from a chosen moment (`petitio serve --clock-start`, for demonstrations and for tests that
// replay a historical case).
class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(TimePoint start);
  TimePoint Now() const override;

 private:
  std::chrono::milliseconds shift_;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint t) : ms_(ToMillis(t)) {}
  TimePoint Now() const override { return FromMillis(ms_.load()); }
  void Set(TimePoint t) { ms_.store(ToMillis(t)); }
  void Advance(std::chrono::milliseconds d) { ms_.fetch_add(d.count()); }

 private:
  std::atomic<int64_t> ms_;
};

}  // namespace petitio
