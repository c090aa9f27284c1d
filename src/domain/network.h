// Network addresses as fraud controls see them. Pure functions.
//
// SubnetOf gives the block an address belongs to for rate limits and bulk invalidation: the
// /24 of an IPv4 address ("203.0.113.0/24") and the /64 of an IPv6 address
// ("2001:db8:1:2::/64"), in canonical text; an IPv4-mapped IPv6 address counts as IPv4. A
// string that is no IP address gives "". EmailDomain gives the canonical domain of an address
// (CanonicalEmail's), or "".
#pragma once

#include <string>
#include <string_view>

namespace petitio {

std::string SubnetOf(std::string_view ip);
std::string EmailDomain(std::string_view email);

}  // namespace petitio
