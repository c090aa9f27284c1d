// Cryptographic helpers over libsodium: keyed hashes for pseudonymous comparison, hashes of
// secret tokens, and random tokens.
//
// SecretKey is 32 bytes from a CSPRNG; KeyedHashHex is HMAC-SHA-256 and is what Petitio stores
// instead of an e-mail or ID number. Sha256Hex of a token is what the store keeps, so a copy of
// the database cannot confirm anything. RandomToken gives 32 random bytes as unpadded base64url
// (43 characters). TokensEqual compares in constant time. All functions are thread-safe;
// InitCrypto must have succeeded once before any is called (it is idempotent).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace petitio {

using SecretKey = std::array<uint8_t, 32>;

Status InitCrypto();
SecretKey NewSecretKey();
std::string KeyedHashHex(const SecretKey& key, std::string_view data);
std::string Sha256Hex(std::string_view data);
std::string RandomToken();
bool TokensEqual(std::string_view a, std::string_view b);
// True for 43 characters of base64url, the shape RandomToken produces.
bool LooksLikeToken(std::string_view s);
// A character of base64url (A-Z, a-z, 0-9, '-', '_'), the alphabet of RandomToken.
bool IsTokenChar(char c);

}  // namespace petitio
