// Staff pages that need a login: /login and /logout, and the moderation queue (/admin/moderation)
// with its locks and decisions. Every form carries the session's CSRF token.
#include "app/queries.h"
#include "app/staff_actions.h"
#include "http/api/request_body.h"
#include "http/auth.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

// Where a role starts after logging in.
std::string HomeOf(const Account& a) { return CanModerate(a) ? "/admin/moderation" : "/staff"; }

// Only local paths, so the login form cannot send anyone elsewhere.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) {
    return "";
  }
  return next;
}

HttpResponse LoginForm(const LocalPages& pages, int status, const std::string& next,
                       mustache::data d = {}) {
  d.set("next", SafeNext(next));
  return pages.Page(status, pages.t.Text("login.heading"), "login", std::move(d));
}

HttpResponse LoginSubmit(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  Result<LoginOutcome> login = Login(ctx, f->Get("email"), f->Get("password"));
  if (!login.ok()) {
    mustache::data d = ErrorData(pages.t, login.status(), {{"login", "email"}});
    d.set("email", f->Get("email"));
    return LoginForm(pages, login.status().kind() == ErrorKind::kUnauthenticated ? 401 : 400,
                     f->Get("next"), std::move(d));
  }
  const std::string next = SafeNext(f->Get("next"));
  HttpResponse r = SeeOther(next.empty() ? HomeOf(login->account) : next);
  r.headers.emplace_back("Set-Cookie", SessionCookie(ctx, login->session_token));
  return r;
}

HttpResponse LogoutSubmit(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  Result<Principal> p = AuthenticateForChange(ctx, req, f->Get("csrf"));
  if (p.ok()) (void)Logout(ctx, req.Cookie(kSessionCookie));
  HttpResponse r = SeeOther("/");
  r.headers.emplace_back("Set-Cookie", ExpiredSessionCookie(ctx));
  return r;
}

// The staff member behind a page request, or the page to show instead (login, or forbidden).
Result<Principal> StaffOrPage(const AppContext& ctx, const HttpRequest& req,
                              std::string_view form_csrf, bool change) {
  return change ? AuthenticateForChange(ctx, req, form_csrf) : Authenticate(ctx, req);
}

HttpResponse Refused(const LocalPages& pages, const Status& s, const std::string& next) {
  if (s.kind() == ErrorKind::kUnauthenticated) return LoginForm(pages, 401, next);
  if (s.code() == "csrf") {
    return pages.Message(403, pages.t.Text("staff.csrf_heading"),
                         {pages.t.Text("staff.csrf_text")});
  }
  return StatusPage(pages, s);
}

mustache::data GroundsOf(const Catalogue& t, const Profile* profile) {
  mustache::data grounds{mustache::data::type::list};
  if (profile == nullptr) return grounds;
  for (const ModerationGround& g : profile->grounds) {
    mustache::data gd;
    gd.set("code", g.code);
    gd.set("title", g.title.Get(t.language()));
    gd.set("citation", g.citation);
    grounds.push_back(gd);
  }
  return grounds;
}

HttpResponse QueuePage(const AppContext& ctx, const LocalPages& pages, const Principal& me,
                       int status, mustache::data d) {
  const Catalogue& t = pages.t;
  if (!CanModerate(me.account)) {
    return pages.Message(403, t.Text("staff.forbidden_heading"), {t.Text("moderation.only")});
  }
  Result<std::vector<QueueItem>> queue = ModerationQueueItems(ctx);
  if (!queue.ok()) return StatusPage(pages, queue.status());
  mustache::data list{mustache::data::type::list};
  for (const QueueItem& q : *queue) {
    const Petition& p = q.petition;
    const Profile* profile = ctx.profiles.Find(p.profile_id);
    mustache::data item;
    item.set("id", std::to_string(p.id));
    item.set("title", p.title);
    if (!p.language.empty()) item.set("text_lang", p.language);
    item.set("meta", t.Plural("moderation.meta", p.sponsor_count,
                              {{"profile", ProfileName(profile, t.language())},
                               {"addressee", p.addressee},
                               {"initiator", p.initiator_name},
                               {"created", t.FormatDateTime(p.created_at)}}));
    item.set("sponsor_token", p.sponsor_token);
    item.set("paragraphs", Paragraphs(p.text));
    item.set("csrf", me.csrf);
    if (q.deadline && q.deadline->due) {
      item.set("due", t.Text("moderation.decide_by", {{"date", t.FormatDate(*q.deadline->due)}}));
      item.set("overdue", q.deadline->overdue);
    }
    const bool mine = q.lock && q.lock->account_id == me.account.id;
    item.set("locked_by_me", mine);
    item.set("locked_by_other", q.lock.has_value() && !mine);
    if (q.lock) {
      const std::string until = t.FormatDateTime(q.lock->expires_at);
      item.set("lock_text", mine ? t.Text("moderation.locked_by_me", {{"until", until}})
                                 : t.Text("moderation.locked_by_other",
                                          {{"name", q.locked_by}, {"until", until}}));
    }
    item.set("grounds", GroundsOf(t, profile));
    list.push_back(item);
  }
  d.set("queue", list);
  d.set("has_queue", !queue->empty());
  d.set("csrf", me.csrf);
  d.set("logged_in", t.Text("staff.logged_in", {{"name", me.account.name}}));
  return pages.Page(status, t.Text("moderation.heading"), "moderation", std::move(d));
}

// POST /admin/petitions/{id}/{action}: lock, unlock, moderation, authority.
HttpResponse QueueAction(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req,
                         const PathParams& params, const std::string& action) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  Result<Principal> me = StaffOrPage(ctx, req, f->Get("csrf"), true);
  if (!me.ok()) return Refused(pages, me.status(), "/admin/moderation");
  const std::optional<int64_t> id = ParsePetitionId(params.at("id"));
  if (!id) return StatusPage(pages, Status::NotFound("no such petition"));
  Status done = Status::Ok();
  if (action == "lock") {
    done = LockForModeration(ctx, *me, *id).status();
  } else if (action == "unlock") {
    done = ReleaseModerationLock(ctx, *me, *id);
  } else if (action == "authority") {
    done = AssignAuthority(ctx, *me, *id, f->Get("authority")).status();
  } else {
    done = ModerateAs(ctx, *me, *id, {f->Get("decision"), f->Get("ground"), f->Get("reason")})
               .status();
  }
  if (!done.ok()) {
    if (done.kind() == ErrorKind::kInvalidArgument ||
        done.kind() == ErrorKind::kFailedPrecondition) {
      return QueuePage(ctx, pages, *me, done.kind() == ErrorKind::kInvalidArgument ? 400 : 409,
                       ErrorData(pages.t, done));
    }
    return StatusPage(pages, done);
  }
  return SeeOther("/admin/moderation");
}

}  // namespace

void AddModerationPages(Router& router, const AppContext& ctx,
                        std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/login", [pages](const HttpRequest& req, const PathParams&) {
    return LoginForm(pages->For(req), 200, std::string(req.QueryParam("next")));
  });
  router.Add("POST", "/login", [c, pages](const HttpRequest& req, const PathParams&) {
    return LoginSubmit(*c, pages->For(req), req);
  });
  router.Add("POST", "/logout", [c, pages](const HttpRequest& req, const PathParams&) {
    return LogoutSubmit(*c, pages->For(req), req);
  });
  router.Add("GET", "/admin/moderation", [c, pages](const HttpRequest& req, const PathParams&) {
    Result<Principal> me = StaffOrPage(*c, req, "", false);
    const LocalPages local = pages->For(req);
    if (!me.ok()) return Refused(local, me.status(), "/admin/moderation");
    return QueuePage(*c, local, *me, 200, {});
  });
  for (const char* action : {"lock", "unlock", "moderation", "authority"}) {
    router.Add("POST", std::string("/admin/petitions/{id}/") + action,
               [c, pages, a = std::string(action)](const HttpRequest& req, const PathParams& p) {
                 return QueueAction(*c, pages->For(req), req, p, a);
               });
  }
}

}  // namespace petitio::http
