#include "domain/tree_head.h"

#include <sodium.h>

#include <cstring>
#include <vector>

namespace petitio {

LogKey NewLogKey() {
  LogKey k;
  crypto_sign_keypair(k.public_key.data(), k.secret.data());
  return k;
}

Result<LogKey> LogKeyFromSecret(std::string_view secret_bytes) {
  if (secret_bytes.size() != crypto_sign_SECRETKEYBYTES) {
    return Status::Invalid("a log key is 64 bytes", "invalid_log_key");
  }
  LogKey k;
  std::memcpy(k.secret.data(), secret_bytes.data(), k.secret.size());
  if (crypto_sign_ed25519_sk_to_pk(k.public_key.data(), k.secret.data()) != 0) {
    return Status::Invalid("not an Ed25519 secret key", "invalid_log_key");
  }
  return k;
}

std::string TreeHeadText(uint64_t petition_id, uint64_t tree_size, int64_t timestamp_ms,
                         const MerkleHash& root) {
  return "petitio-sth/v1 " + std::to_string(petition_id) + " " + std::to_string(tree_size) + " " +
         std::to_string(timestamp_ms) + " " + ToHex(root);
}

std::string SignTreeHead(const LogKey& key, std::string_view text) {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       key.secret.data());
  return sig;
}

bool VerifyTreeHead(std::string_view public_key, std::string_view text,
                    std::string_view signature) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(
             reinterpret_cast<const unsigned char*>(signature.data()),
             reinterpret_cast<const unsigned char*>(text.data()), text.size(),
             reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  std::vector<unsigned char> out(text.size());
  size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

}  // namespace petitio
