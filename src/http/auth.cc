#include "http/auth.h"

#include "domain/crypto.h"

namespace petitio::http {

namespace {

std::string Bearer(const HttpRequest& req) {
  const std::string_view h = req.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (h.size() <= kBearer.size() || h.substr(0, kBearer.size()) != kBearer) return "";
  return std::string(h.substr(kBearer.size()));
}

std::string Attributes(const AppContext& ctx) {
  const bool tls = ctx.public_url.rfind("https://", 0) == 0;
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (tls ? "; Secure" : "");
}

}  // namespace

Result<Principal> Authenticate(const AppContext& ctx, const HttpRequest& req) {
  const std::string bearer = Bearer(req);
  if (!bearer.empty()) return AuthenticateApiToken(ctx, bearer);
  const std::string cookie = req.Cookie(kSessionCookie);
  if (!cookie.empty()) return AuthenticateSession(ctx, cookie);
  return Status(ErrorKind::kUnauthenticated, "not_logged_in",
                "log in, or send an API token as Authorization: Bearer TOKEN");
}

bool HasCredentials(const HttpRequest& req) {
  return !Bearer(req).empty() || !req.Cookie(kSessionCookie).empty();
}

Result<Principal> AuthenticateForChange(const AppContext& ctx, const HttpRequest& req,
                                        std::string_view form_csrf) {
  Result<Principal> p = Authenticate(ctx, req);
  if (!p.ok() || !p->via_session) return p;
  std::string_view sent = form_csrf;
  if (sent.empty()) sent = req.Header("x-csrf-token");
  if (sent.empty() || !TokensEqual(sent, p->csrf)) {
    return Status(ErrorKind::kPermissionDenied, "csrf",
                  "the form is stale or came from another site; reload the page and try again");
  }
  return p;
}

std::string SessionCookie(const AppContext& ctx, const std::string& token) {
  return std::string(kSessionCookie) + "=" + token +
         "; Max-Age=" + std::to_string(kSessionHours * 3600) + Attributes(ctx);
}

std::string ExpiredSessionCookie(const AppContext& ctx) {
  return std::string(kSessionCookie) + "=; Max-Age=0" + Attributes(ctx);
}

}  // namespace petitio::http
