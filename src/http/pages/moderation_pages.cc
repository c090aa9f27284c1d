#include "app/queries.h"
#include "app/use_cases.h"
#include "http/api/api_routes.h"
#include "http/api/request_body.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

constexpr const char* kSessionCookie = "petitio_admin";

// Until accounts exist the admin session is a value derived from the admin token with the
// server's secret: it proves the token was given without storing or revealing it.
std::string SessionValue(const AppContext& ctx) {
  return KeyedHashHex(ctx.secret, "admin-session:" + ctx.admin_token);
}
std::string CsrfValue(const AppContext& ctx) {
  return KeyedHashHex(ctx.secret, "admin-csrf:" + ctx.admin_token);
}

bool HasSession(const AppContext& ctx, const HttpRequest& req) {
  return !ctx.admin_token.empty() && TokensEqual(req.Cookie(kSessionCookie), SessionValue(ctx));
}

std::string CookieAttributes(const AppContext& ctx) {
  const bool tls = ctx.public_url.rfind("https://", 0) == 0;
  return std::string("; Path=/admin; HttpOnly; SameSite=Strict") + (tls ? "; Secure" : "");
}

HttpResponse LoginPage(const AppContext& ctx, const PageRenderer& pages, int status,
                       mustache::data d) {
  if (ctx.admin_token.empty()) {
    return pages.Message(403, "Moderation is switched off",
                         {"Start the server with --admin-token or PETITIO_ADMIN_TOKEN to "
                          "moderate petitions."});
  }
  return pages.Page(status, "Moderation", "moderation_login", std::move(d));
}

HttpResponse QueuePage(const AppContext& ctx, const PageRenderer& pages, int status,
                       mustache::data d) {
  Result<std::vector<Petition>> queue = ModerationQueue(ctx);
  if (!queue.ok()) return StatusPage(pages, queue.status());
  mustache::data list{mustache::data::type::list};
  for (const Petition& p : *queue) {
    const Profile* profile = ctx.profiles.Find(p.profile_id);
    mustache::data item;
    item.set("id", std::to_string(p.id));
    item.set("title", p.title);
    item.set("addressee", p.addressee);
    item.set("initiator", p.initiator_name);
    item.set("profile_name", ProfileName(profile));
    item.set("created_at", HumanDateTime(p.created_at));
    item.set("sponsor_count", std::to_string(p.sponsor_count));
    item.set("sponsor_token", p.sponsor_token);
    item.set("paragraphs", Paragraphs(p.text));
    item.set("csrf", CsrfValue(ctx));
    mustache::data grounds{mustache::data::type::list};
    if (profile != nullptr) {
      for (const ModerationGround& g : profile->grounds) {
        mustache::data gd;
        gd.set("code", g.code);
        gd.set("title", g.title.Get("en"));
        gd.set("citation", g.citation);
        grounds.push_back(gd);
      }
    }
    item.set("grounds", grounds);
    list.push_back(item);
  }
  d.set("queue", list);
  d.set("has_queue", !queue->empty());
  d.set("csrf", CsrfValue(ctx));
  return pages.Page(status, "Moderation queue", "moderation", std::move(d));
}

HttpResponse Login(const AppContext& ctx, const PageRenderer& pages, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  if (!IsAdminToken(ctx, f->Get("token"))) {
    return LoginPage(ctx, pages, 401,
                     ErrorData(Status(ErrorKind::kUnauthenticated, "unauthenticated",
                                      "That is not the admin token.")));
  }
  HttpResponse r = SeeOther("/admin/moderation");
  r.headers.emplace_back(
      "Set-Cookie", std::string(kSessionCookie) + "=" + SessionValue(ctx) + CookieAttributes(ctx));
  return r;
}

HttpResponse Decide(const AppContext& ctx, const PageRenderer& pages, const HttpRequest& req,
                    const PathParams& params) {
  if (!HasSession(ctx, req)) return LoginPage(ctx, pages, 401, {});
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  if (!TokensEqual(f->Get("csrf"), CsrfValue(ctx))) {
    return pages.Message(403, "Form expired", {"Reload the moderation page and try again."});
  }
  const std::optional<int64_t> id = ParsePetitionId(params.at("id"));
  if (!id) return StatusPage(pages, Status::NotFound("no such petition"));
  Result<Petition> p =
      ModeratePetition(ctx, *id, {f->Get("decision"), f->Get("ground"), f->Get("reason")});
  if (!p.ok()) {
    if (p.status().kind() == ErrorKind::kInvalidArgument) {
      return QueuePage(ctx, pages, 400, ErrorData(p.status()));
    }
    return StatusPage(pages, p.status());
  }
  return SeeOther("/admin/moderation");
}

}  // namespace

void AddModerationPages(Router& router, const AppContext& ctx,
                        std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/admin/moderation", [c, pages](const HttpRequest& req, const PathParams&) {
    return HasSession(*c, req) ? QueuePage(*c, *pages, 200, {}) : LoginPage(*c, *pages, 200, {});
  });
  router.Add("POST", "/admin/login", [c, pages](const HttpRequest& req, const PathParams&) {
    return Login(*c, *pages, req);
  });
  router.Add("POST", "/admin/logout", [c](const HttpRequest&, const PathParams&) {
    HttpResponse r = SeeOther("/");
    r.headers.emplace_back("Set-Cookie",
                           std::string(kSessionCookie) + "=; Max-Age=0" + CookieAttributes(*c));
    return r;
  });
  router.Add("POST", "/admin/petitions/{id}/moderation",
             [c, pages](const HttpRequest& req, const PathParams& p) {
               return Decide(*c, *pages, req, p);
             });
}

}  // namespace petitio::http
