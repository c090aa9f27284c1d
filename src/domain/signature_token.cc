#include "domain/signature_token.h"

#include "domain/crypto.h"

namespace petitio {

namespace {

constexpr size_t kSecretChars = 43;
constexpr size_t kMaxIdDigits = 18;  // below 2^63

}  // namespace

std::string FormatSignatureToken(int64_t signature_id, std::string_view secret) {
  return std::to_string(signature_id) + "-" + std::string(secret);
}

std::string TokenAfter(std::string_view text, std::string_view marker) {
  const size_t at = text.find(marker);
  if (at == std::string_view::npos) return "";
  const size_t from = at + marker.size();
  size_t end = from;
  while (end < text.size() && IsTokenChar(text[end])) ++end;
  return std::string(text.substr(from, end - from));
}

std::optional<SignatureToken> ParseSignatureToken(std::string_view token) {
  if (token.size() == kSecretChars) {
    if (!LooksLikeToken(token)) return std::nullopt;
    return SignatureToken{std::nullopt, std::string(token)};
  }
  if (token.size() < kSecretChars + 2) return std::nullopt;
  const std::string_view secret = token.substr(token.size() - kSecretChars);
  const std::string_view head = token.substr(0, token.size() - kSecretChars);
  if (head.back() != '-' || !LooksLikeToken(secret)) return std::nullopt;
  const std::string_view digits = head.substr(0, head.size() - 1);
  if (digits.empty() || digits.size() > kMaxIdDigits || digits.front() == '0') return std::nullopt;
  int64_t id = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return SignatureToken{id, std::string(secret)};
}

}  // namespace petitio
