#include "http/api/staff_routes.h"

#include <boost/json.hpp>

#include "app/queries.h"
#include "app/staff_actions.h"
#include "http/api/consideration_json.h"
#include "http/api/json_reply.h"
#include "http/api/petition_json.h"
#include "http/api/request_body.h"
#include "http/auth.h"
#include "http/errors.h"

namespace petitio::http {

namespace json = boost::json;

namespace {

HttpResponse UnknownPetition() { return JsonError(404, "petition_not_found", "no such petition"); }

json::object AccountJson(const Account& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"name", a.name},
          {"role", RoleName(a.role)},
          {"authority", a.authority.empty() ? json::value(nullptr) : json::value(a.authority)},
          {"organisation",
           a.organisation.empty() ? json::value(nullptr) : json::value(a.organisation)}};
}

NewAccountInput AccountInput(const RequestFields& f) {
  return {f.Get("email"),     f.Get("name"),         f.Get("role"),
          f.Get("authority"), f.Get("organisation"), f.Get("password")};
}

Result<json::value> JsonBody(const HttpRequest& req) {
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec) return Status::Invalid("the body is not JSON", "invalid_json");
  return v;
}

HttpResponse PetitionAnswer(const AppContext& ctx, int64_t id) {
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kModerator, "");
  if (!view.ok()) return JsonError(view.status());
  HttpResponse r;
  r.body = PetitionJson(*view, ctx.public_url);
  return r;
}

HttpResponse Bootstrap(const AppContext& ctx, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  const std::string_view auth = req.Header("authorization");
  const std::string token(auth.substr(0, 7) == "Bearer " ? auth.substr(7) : "");
  Result<Bootstrapped> b = BootstrapAdmin(ctx, token, AccountInput(*f));
  if (!b.ok()) return JsonError(b.status());
  return JsonReply(201,
                   json::object{{"account", AccountJson(b->account)}, {"api_token", b->api_token}});
}

HttpResponse LoginRoute(const AppContext& ctx, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  Result<LoginOutcome> login = Login(ctx, f->Get("email"), f->Get("password"));
  if (!login.ok()) return JsonError(login.status());
  HttpResponse r =
      JsonReply(200, json::object{{"account", AccountJson(login->account)},
                                  {"csrf", login->session.csrf},
                                  {"expires_at", FormatRfc3339(login->session.expires_at)}});
  r.headers.emplace_back("Set-Cookie", SessionCookie(ctx, login->session_token));
  return r;
}

HttpResponse LogoutRoute(const AppContext& ctx, const HttpRequest& req) {
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  Status s = Logout(ctx, req.Cookie(kSessionCookie));
  if (!s.ok()) return JsonError(s);
  HttpResponse r;
  r.status = 204;
  r.headers.emplace_back("Set-Cookie", ExpiredSessionCookie(ctx));
  return r;
}

HttpResponse Me(const AppContext& ctx, const HttpRequest& req) {
  Result<Principal> p = Authenticate(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  return JsonReply(200, AccountJson(p->account));
}

HttpResponse NewToken(const AppContext& ctx, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  Result<std::string> token = CreateApiToken(ctx, p->account.id, f->Get("label"));
  if (!token.ok()) return JsonError(token.status());
  return JsonReply(201, json::object{{"token", *token}});
}

HttpResponse NewAccount(const AppContext& ctx, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  if (!CanManageAccounts(p->account)) {
    return JsonError(403, "forbidden", "only admins create accounts");
  }
  Result<Account> a = CreateAccount(ctx, AccountInput(*f));
  if (!a.ok()) return JsonError(a.status());
  return JsonReply(201, AccountJson(*a));
}

HttpResponse Lock(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  Result<ModerationLock> lock = LockForModeration(ctx, *p, id);
  if (!lock.ok()) return JsonError(lock.status());
  return JsonReply(200, json::object{{"petition_id", id},
                                     {"locked_by", AccountJson(p->account)},
                                     {"expires_at", FormatRfc3339(lock->expires_at)}});
}

HttpResponse Unlock(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  Status s = ReleaseModerationLock(ctx, *p, id);
  if (!s.ok()) return JsonError(s);
  HttpResponse r;
  r.status = 204;
  return r;
}

HttpResponse SetAuthority(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  Result<Petition> petition = AssignAuthority(ctx, *p, id, f->Get("authority"));
  if (!petition.ok()) return JsonError(petition.status());
  return PetitionAnswer(ctx, id);
}

HttpResponse AddRecord(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  Result<json::value> body = JsonBody(req);
  if (!body.ok()) return JsonError(body.status());
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  Result<ConsiderationRecord> r = ParseRecordJson(*body);
  if (!r.ok()) return JsonError(r.status());
  Result<ConsiderationRecord> saved = RecordConsideration(ctx, *p, id, *r);
  if (!saved.ok()) return JsonError(saved.status());
  return JsonReply(201, RecordJson(*saved));
}

HttpResponse AddStatement(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  Result<json::value> body = JsonBody(req);
  if (!body.ok()) return JsonError(body.status());
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  Result<StatementInput> in = ParseStatementJson(*body);
  if (!in.ok()) return JsonError(in.status());
  Result<Statement> s = FileStatement(ctx, *p, id, *in);
  if (!s.ok()) return JsonError(s.status());
  return JsonReply(201, StatementJson(*s));
}

HttpResponse ListStatements(const AppContext& ctx, int64_t id) {
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kPublic, "");
  if (!view.ok()) return JsonError(view.status());
  json::array list;
  for (const Statement& s : view->statements) list.push_back(StatementJson(s));
  return JsonReply(200, json::object{{"statements", std::move(list)}});
}

HttpResponse Reply(const AppContext& ctx, const HttpRequest& req, const PathParams& params) {
  const std::optional<int64_t> sid = ParsePetitionId(params.at("sid"));
  if (!sid) return JsonError(404, "statement_not_found", "no such statement");
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return JsonError(p.status());
  Result<Statement> s = ReplyToStatement(ctx, *p, *sid, f->Get("text"));
  if (!s.ok()) return JsonError(s.status());
  return JsonReply(200, StatementJson(*s));
}

}  // namespace

void AddStaffRoutes(Router& router, const AppContext& ctx) {
  const AppContext* c = &ctx;
  const auto route = [c](auto handler) {
    return [c, handler](const HttpRequest& req, const PathParams&) { return handler(*c, req); };
  };
  const auto petition_route = [c](auto handler) {
    return WithPetitionId(
        [c, handler](const HttpRequest& req, int64_t id) { return handler(*c, req, id); },
        UnknownPetition);
  };
  router.Add("POST", "/api/v1/bootstrap", route(Bootstrap));
  router.Add("POST", "/api/v1/session", route(LoginRoute));
  router.Add("DELETE", "/api/v1/session", route(LogoutRoute));
  router.Add("GET", "/api/v1/me", route(Me));
  router.Add("POST", "/api/v1/tokens", route(NewToken));
  router.Add("POST", "/api/v1/admin/accounts", route(NewAccount));
  router.Add("POST", "/api/v1/admin/petitions/{id}/lock", petition_route(Lock));
  router.Add("DELETE", "/api/v1/admin/petitions/{id}/lock", petition_route(Unlock));
  router.Add("PUT", "/api/v1/admin/petitions/{id}/authority", petition_route(SetAuthority));
  router.Add("POST", "/api/v1/petitions/{id}/consideration", petition_route(AddRecord));
  router.Add("POST", "/api/v1/petitions/{id}/statements", petition_route(AddStatement));
  router.Add("GET", "/api/v1/petitions/{id}/statements",
             WithPetitionId([c](const HttpRequest&, int64_t id) { return ListStatements(*c, id); },
                            UnknownPetition));
  router.Add(
      "POST", "/api/v1/statements/{sid}/reply",
      [c](const HttpRequest& req, const PathParams& params) { return Reply(*c, req, params); });
}

}  // namespace petitio::http
