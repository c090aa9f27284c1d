// The signature a link token names (domain/signature_token.h): read by its id, with the token's
// secret checked in constant time against the hash stored, or, for a token of the old form, by
// that hash. Either way the signature's token_hash must be the secret's: a replaced link no
// longer finds its signature. Reads through a StoreTx inside a unit or a Store outside one.
#pragma once

#include <string>

#include "domain/crypto.h"
#include "domain/result.h"
#include "domain/signature.h"
#include "domain/signature_token.h"

namespace petitio {

// kNotFound with code "unknown_token" and `unknown` for its message when no signature has it.
template <typename Reader>
Result<Signature> SignatureOfToken(Reader& reader, const SignatureToken& token,
                                   const std::string& unknown) {
  const std::string hash = Sha256Hex(token.secret);
  Result<Signature> s = token.signature_id ? reader.GetSignature(*token.signature_id)
                                           : reader.GetSignatureByLegacyToken(hash);
  if (s.ok() && !TokensEqual(s->token_hash, hash)) s = Status::NotFound(unknown);
  if (!s.ok()) {
    return s.status().kind() == ErrorKind::kNotFound ? Status::NotFound(unknown, "unknown_token")
                                                     : s.status();
  }
  return s;
}

}  // namespace petitio
