// The token of a signature's links (confirm, withdraw), as mailed to the signer.
//
// A token names its signature: "<signature id>-<secret>", the secret being RandomToken()'s 43
// characters. The store finds the signature by its id and keeps SHA-256 of the secret only, so
// signing writes no index of token hashes (one random page of a B-tree per signature, about a
// tenth of a signing's cost: docs/performance.md). Tokens mailed before tokens named their
// signature are the bare secret ("legacy"), found by the hash of it
// (StoreTx::GetSignatureByLegacyToken). The receipt secret derives from the whole token as the
// signer received it (domain/receipt.h). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace petitio {

struct SignatureToken {
  std::optional<int64_t> signature_id;  // nullopt: a legacy token
  std::string secret;                   // 43 characters of base64url
};

// "<id>-<secret>"; `secret` as RandomToken() gives it, `id` positive.
std::string FormatSignatureToken(int64_t signature_id, std::string_view secret);

// The token in `text` right after `marker` (a link's "/confirm?token="): its characters up to
// the first no token holds; "" when `marker` is not in `text`.
std::string TokenAfter(std::string_view text, std::string_view marker);

// Either form; nullopt for anything else (no id, an id of zero, a leading zero or sign, more
// than 18 digits, a secret of the wrong length or alphabet).
std::optional<SignatureToken> ParseSignatureToken(std::string_view token);

}  // namespace petitio
