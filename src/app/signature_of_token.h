// The signature a link token names (domain/signature_token.h): read by its id, with the token's
// secret checked in constant time against the hash stored, or, for a token of the old form, by
// that hash. Either way the signature's token_hash must be the secret's: a replaced link no
// longer finds its signature. Reads through a StoreTx inside a unit or a Store outside one.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "domain/crypto.h"
#include "domain/result.h"
#include "domain/signature.h"
#include "domain/signature_token.h"

namespace petitio {

// The token as a unit looks it up: its hash taken beforehand, off the writer's thread.
struct TokenLookup {
  SignatureToken token;
  std::string secret_hash;  // Sha256Hex(token.secret)
};

inline TokenLookup LookupOf(SignatureToken token) {
  std::string hash = Sha256Hex(token.secret);
  return {std::move(token), std::move(hash)};
}

// kNotFound with code "unknown_token" and `unknown` for its message when no signature has it.
template <typename Reader>
Result<Signature> SignatureOfToken(Reader& reader, const TokenLookup& lookup,
                                   const std::string& unknown) {
  const std::optional<int64_t>& id = lookup.token.signature_id;
  Result<Signature> s =
      id ? reader.GetSignature(*id) : reader.GetSignatureByLegacyToken(lookup.secret_hash);
  if (s.ok() && !TokensEqual(s->token_hash, lookup.secret_hash)) s = Status::NotFound(unknown);
  if (!s.ok()) {
    return s.status().kind() == ErrorKind::kNotFound ? Status::NotFound(unknown, "unknown_token")
                                                     : s.status();
  }
  return s;
}

}  // namespace petitio
