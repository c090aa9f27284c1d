#include "domain/receipt.h"

#include <sodium.h>

#include <span>

namespace petitio {

namespace {

std::array<uint8_t, 32> Hmac(std::span<const uint8_t> key, std::string_view data) {
  std::array<uint8_t, 32> out{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  crypto_auth_hmacsha256_final(&state, out.data());
  return out;
}

}  // namespace

ReceiptSecret ReceiptSecretFromToken(std::string_view token) {
  return Hmac({reinterpret_cast<const uint8_t*>(token.data()), token.size()}, "petitio-receipt/v1");
}

Pseudonym ReceiptPseudonym(const ReceiptSecret& secret, uint64_t petition_id) {
  std::string data = "petitio-pseudonym/v1";
  for (int shift = 56; shift >= 0; shift -= 8) {
    data += static_cast<char>((petition_id >> shift) & 0xff);
  }
  return Hmac(secret, data);
}

std::string ReceiptSecretHex(const ReceiptSecret& secret) { return ToHex(secret); }

std::optional<ReceiptSecret> ReceiptSecretFromHex(std::string_view hex) {
  return MerkleHashFromHex(hex);
}

std::string ReceiptCheckPath(const Receipt& r) {
  return "/petitions/" + std::to_string(r.petition_id) +
         "/receipt#index=" + std::to_string(r.log_index) + "&secret=" + ReceiptSecretHex(r.secret);
}

}  // namespace petitio
