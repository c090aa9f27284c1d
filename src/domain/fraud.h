// Fraud controls: which signatures a bulk invalidation matches, the public record it leaves,
// and the trending sources moderators watch.
//
// A SignatureMatch selects the pending and validated signatures of one petition by one
// criterion — the signing address, its subnet, the e-mail domain, or the region — optionally
// within a time window [from, to). An Invalidation is the public record of one bulk
// invalidation: when, by which kind of criterion (never the value when that is an address), how
// many, and why. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.h"

namespace petitio {

enum class MatchField { kNone, kIp, kSubnet, kEmailDomain, kRegion };
std::string_view MatchFieldName(MatchField f);  // "window", "ip", "subnet", "domain", "region"

struct SignatureMatch {
  MatchField field = MatchField::kNone;  // kNone: every signature in the window
  std::string value;
  std::optional<TimePoint> from;  // created at or after
  std::optional<TimePoint> to;    // created before
};

struct Invalidation {
  TimePoint at;
  std::string matched_by;  // "ip", "subnet", "domain", "region" or "window"
  std::string detail;      // public: the domain or region matched; empty for addresses
  int64_t count = 0;       // signatures invalidated, counted (validated) or not yet
  std::string reason;
};

struct TrendingSource {
  std::string key;  // an address, a subnet or a domain
  int64_t signatures = 0;
};

struct Trending {
  std::vector<TrendingSource> ips, subnets, domains;
};

}  // namespace petitio
