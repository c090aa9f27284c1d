#include "domain/messages.h"
#include "http/errors.h"
#include "http/language.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

void AddLanguageSwitch(Router& router) {
  router.Add("GET", "/language/{code}", [](const HttpRequest& req, const PathParams& params) {
    const std::string& code = params.at("code");
    if (!IsSupportedLanguage(code)) {
      return JsonError(404, "language_not_found", "Petitio speaks kk, ru and en");
    }
    // Only a path of this site, so the switch cannot send anyone elsewhere.
    std::string next(req.QueryParam("next"));
    if (next.empty() || next[0] != '/' ||
        (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) ||
        next.find_first_of("\r\n") != std::string::npos) {
      next = "/";
    }
    HttpResponse r = SeeOther(next);
    r.headers.emplace_back("Set-Cookie", LanguageCookie(code));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
}

}  // namespace petitio::http
