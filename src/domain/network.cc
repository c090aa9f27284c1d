#include "domain/network.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

#include "domain/text.h"

namespace petitio {

std::string SubnetOf(std::string_view ip) {
  if (ip.empty() || ip.size() > INET6_ADDRSTRLEN) return "";
  const std::string text(ip);
  std::array<unsigned char, 16> v6{};
  std::array<unsigned char, 4> v4{};
  bool is_v4 = inet_pton(AF_INET, text.c_str(), v4.data()) == 1;
  if (!is_v4) {
    if (inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return "";
    static constexpr std::array<unsigned char, 12> kMapped = {0, 0, 0, 0, 0,    0,
                                                              0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(v6.data(), kMapped.data(), kMapped.size()) == 0) {
      std::memcpy(v4.data(), v6.data() + 12, 4);
      is_v4 = true;
    }
  }
  if (is_v4) {
    return std::to_string(v4[0]) + "." + std::to_string(v4[1]) + "." + std::to_string(v4[2]) +
           ".0/24";
  }
  std::fill(v6.begin() + 8, v6.end(), 0);
  char out[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(AF_INET6, v6.data(), out, sizeof out) == nullptr) return "";
  return std::string(out) + "/64";
}

std::string EmailDomain(std::string_view email) {
  const std::string canonical = CanonicalEmail(email);
  const size_t at = canonical.rfind('@');
  return at == std::string::npos ? "" : canonical.substr(at + 1);
}

}  // namespace petitio
