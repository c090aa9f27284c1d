// Signers' receipts: how a signer proves which entry of a petition's transparency log is theirs
// (docs/transparency-log.md, "Receipts").
//
// The receipt secret is derived from the token the signer alone received (the confirmation
// link's token, or a one-time token handed back to a signer proven by an identity provider):
// HMAC-SHA-256 keyed by the token of "petitio-receipt/v1". The store keeps only SHA-256 of the
// token, so the operator cannot recompute the secret after the request that used it. The
// signature's pseudonym in the log is HMAC-SHA-256 keyed by the secret of "petitio-pseudonym/v1"
// and the petition id (8 bytes, big-endian): whoever holds the secret finds the entry; nobody
// can go from an entry back to a secret, a person, or their entries on other petitions.
// Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/log_entry.h"
#include "domain/merkle.h"

namespace petitio {

using ReceiptSecret = std::array<uint8_t, 32>;

ReceiptSecret ReceiptSecretFromToken(std::string_view token);
Pseudonym ReceiptPseudonym(const ReceiptSecret& secret, uint64_t petition_id);

std::string ReceiptSecretHex(const ReceiptSecret& secret);  // 64 lower-case hex digits
std::optional<ReceiptSecret> ReceiptSecretFromHex(std::string_view hex);

// What a signer keeps: enough to find their entry, check it, and prove it is theirs.
struct Receipt {
  int64_t petition_id = 0;
  uint64_t log_index = 0;
  MerkleHash leaf_hash{};
  ReceiptSecret secret{};
};

// The page that checks a receipt in the browser. The index and the secret travel in the URL's
// fragment, which browsers never send to the server.
std::string ReceiptCheckPath(const Receipt& r);

}  // namespace petitio
