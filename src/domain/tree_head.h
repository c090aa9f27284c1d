// Signed tree heads of the transparency logs: the server's Ed25519 key and the exact text it
// signs, `petitio-sth/v1 <petition_id> <tree_size> <timestamp_ms> <root_hash_hex>` (single spaces,
// lower-case hex). Anyone with the public key verifies a head with VerifyTreeHead. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/merkle.h"
#include "domain/result.h"

namespace petitio {

struct LogKey {
  std::array<uint8_t, 64> secret{};  // libsodium's Ed25519 secret key (seed and public key)
  std::array<uint8_t, 32> public_key{};
};

LogKey NewLogKey();
// From the 64 secret bytes kept in the data directory.
Result<LogKey> LogKeyFromSecret(std::string_view secret_bytes);

std::string TreeHeadText(uint64_t petition_id, uint64_t tree_size, int64_t timestamp_ms,
                         const MerkleHash& root);
std::string SignTreeHead(const LogKey& key, std::string_view text);  // 64 raw bytes
bool VerifyTreeHead(std::string_view public_key, std::string_view text, std::string_view signature);

std::string Base64(std::string_view bytes);  // standard alphabet, with padding
std::optional<std::string> FromBase64(std::string_view text);

}  // namespace petitio
