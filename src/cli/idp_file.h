// Reads an identity provider's configuration for `petitio serve --idp FILE`:
//
//   id = "egov"                      # shown to clients
//   issuer = "https://idp.example"   # the exact "iss" of its ID tokens
//   audience = "petitio"             # our client id, expected in "aud"
//   public_key_file = "egov.pem"     # its signing key (SubjectPublicKeyInfo PEM: RSA or Ed25519),
//                                    # relative to the configuration file
//   national_id_claim = "iin"        # optional (default "iin"): the claim carrying the national id
//
// Unknown keys and missing ones are errors naming the file and key.
#pragma once

#include <string>

#include "domain/result.h"
#include "identity/id_token.h"

namespace petitio {

Result<IdTokenVerifier> LoadIdentityProvider(const std::string& path);

}  // namespace petitio
