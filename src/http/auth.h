// Who is asking, for the staff routes of the API and the pages.
//
// A request is a principal's when it carries `Authorization: Bearer <API token>`, or the session
// cookie of a login. A state-changing request made with the session cookie must also carry the
// session's CSRF token — the X-CSRF-Token header (API) or the form field "csrf" (pages) — else it
// is refused (403 "csrf"): a page of another site can make a browser send the cookie, not the
// token. API tokens need no CSRF token: browsers never attach them on their own.
#pragma once

#include <string>
#include <string_view>

#include "app/accounts.h"
#include "http/message.h"

namespace petitio::http {

inline constexpr const char* kSessionCookie = "petitio_session";

// The principal behind the request, or kUnauthenticated.
Result<Principal> Authenticate(const AppContext& ctx, const HttpRequest& req);
// Whether the request shows credentials Authenticate would try (a bearer token or the session
// cookie), valid or not; a request without any is anonymous, no store read needed to know it.
bool HasCredentials(const HttpRequest& req);
// Authenticate, and for a session the CSRF check against `form_csrf` or the X-CSRF-Token header.
Result<Principal> AuthenticateForChange(const AppContext& ctx, const HttpRequest& req,
                                        std::string_view form_csrf = "");

// Set-Cookie values that start and end a session: HttpOnly, SameSite=Strict, Path=/, and Secure
// when the site's public address is https.
std::string SessionCookie(const AppContext& ctx, const std::string& token);
std::string ExpiredSessionCookie(const AppContext& ctx);

}  // namespace petitio::http
