// The staff workspace (plain forms, each with the session's CSRF token): /staff lists what the
// logged-in account works on; /staff/petitions/{id} is one petition's workspace, where an
// officer of its authority records its consideration, extends its clocks and replies to
// statements, and an organisation files a statement.
#include "app/queries.h"
#include "app/staff_actions.h"
#include "domain/text.h"
#include "http/api/request_body.h"
#include "http/auth.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line(Trim(std::string_view(text).substr(at, end - at)));
    if (!line.empty()) out.push_back(std::move(line));
    at = end + 1;
  }
  return out;
}

// A record from the workspace's forms. Members are lines "Name — Body" (or "Name | Body").
Result<ConsiderationRecord> RecordFromForm(const RequestFields& f) {
  ConsiderationRecord r;
  const std::optional<RecordKind> kind = ParseRecordKind(f.Get("kind"));
  if (!kind) return Status::Invalid("choose what to record", "invalid_kind");
  r.kind = *kind;
  const std::optional<Date> date = ParseDate(f.Get("date"));
  if (!date) return Status::Invalid("give the day as YYYY-MM-DD", "invalid_date");
  r.date = *date;
  r.number = f.Get("number");
  r.place = f.Get("place");
  r.agenda = f.Get("agenda");
  r.minutes = f.Get("minutes");
  r.summary = f.Get("summary");
  r.answer = f.Get("answer");
  r.measures = f.Get("measures");
  r.participants = Lines(f.Get("participants"));
  for (const std::string& line : Lines(f.Get("members"))) {
    size_t cut = line.find(" — ");
    size_t width = 5;  // "—" is three bytes in UTF-8, with a space each side
    if (cut == std::string::npos) {
      cut = line.find('|');
      width = 1;
    }
    if (cut == std::string::npos) {
      return Status::Invalid("write each member as: Name — Body", "invalid_member");
    }
    r.members.push_back({std::string(Trim(std::string_view(line).substr(0, cut))),
                         std::string(Trim(std::string_view(line).substr(cut + width)))});
  }
  if (!Trim(f.Get("attachment_title")).empty() || !Trim(f.Get("attachment_text")).empty()) {
    r.attachments.push_back({f.Get("attachment_title"), f.Get("attachment_text")});
  }
  if (!f.Get("outcome").empty()) {
    r.outcome = ParseDecisionOutcome(f.Get("outcome"));
    if (!r.outcome) return Status::Invalid("choose the outcome", "invalid_outcome");
  }
  return r;
}

HttpResponse Refused(const LocalPages& pages, const Status& s) {
  if (s.kind() == ErrorKind::kUnauthenticated) {
    return pages.Page(401, pages.t.Text("login.heading"), "login", mustache::data{});
  }
  if (s.code() == "csrf") {
    return pages.Message(403, pages.t.Text("staff.csrf_heading"),
                         {pages.t.Text("staff.csrf_text")});
  }
  return StatusPage(pages, s);
}

HttpResponse StaffHome(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req) {
  const Catalogue& t = pages.t;
  Result<Principal> me = Authenticate(ctx, req);
  if (!me.ok()) return Refused(pages, me.status());
  Result<std::vector<Petition>> petitions = StaffPetitions(ctx, me->account);
  if (!petitions.ok()) return StatusPage(pages, petitions.status());
  mustache::data list{mustache::data::type::list};
  for (const Petition& p : *petitions) {
    mustache::data item;
    item.set("id", std::to_string(p.id));
    item.set("title", p.title);
    if (!p.language.empty()) item.set("text_lang", p.language);
    item.set("state_label", StateLabel(t, p.state));
    item.set("count_text", t.Plural("count.signatures", p.signature_count));
    list.push_back(item);
  }
  mustache::data d;
  const std::string role = t.Text("role." + std::string(RoleName(me->account.role)));
  d.set("logged_in",
        t.Text("staff.logged_in", {{"name", me->account.name}}) + " (" + role +
            (me->account.authority.empty()
                 ? std::string()
                 : ", " + t.Text("staff.authority", {{"authority", me->account.authority}})) +
            ").");
  d.set("moderator", CanModerate(me->account));
  d.set("petitions", list);
  d.set("has_petitions", !petitions->empty());
  d.set("csrf", me->csrf);
  return pages.Page(200, t.Text("staff.heading"), "staff_home", d);
}

HttpResponse Workspace(const AppContext& ctx, const LocalPages& pages, const Principal& me,
                       int64_t id, int status, mustache::data d) {
  const Catalogue& t = pages.t;
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kModerator, "");
  if (!view.ok()) return StatusPage(pages, view.status());
  const Petition& p = view->petition;
  const bool officer = IsOfficerOf(me.account, p);
  if (!IsVisible(p.state) && !officer && !CanModerate(me.account)) {
    return StatusPage(pages, Status::NotFound("no such petition"));
  }
  d.set("id", std::to_string(id));
  d.set("title", p.title);
  d.set("csrf", me.csrf);
  d.set("authority", p.authority.empty() ? t.Text("staff.no_authority") : p.authority);
  d.set("registration_number", p.registration_number);
  d.set("officer", officer);
  d.set("organisation", CanFileStatements(me.account) && IsVisible(p.state));
  d.set("decided", p.decided_at.has_value());
  d.set("registrable", p.registered_at.has_value() && p.registration_number.empty());
  d.set("registered", !p.registration_number.empty());
  d.set("today", FormatDate(view->profile->LocalDate(ctx.clock.Now())));
  mustache::data deadlines{mustache::data::type::list};
  for (const StageDeadline& dl : view->deadlines) {
    mustache::data dd;
    dd.set("stage", t.Text("stage." + std::string(StageName(dl.stage))));
    dd.set("due", dl.due ? t.FormatDate(*dl.due) : t.Text("staff.due_unknown"));
    dd.set("overdue", dl.overdue);
    dd.set("done", dl.completed_at.has_value());
    deadlines.push_back(dd);
  }
  d.set("deadlines", deadlines);
  mustache::data open_statements{mustache::data::type::list};
  for (const Statement& s : view->statements) {
    if (s.reply) continue;
    mustache::data sd;
    sd.set("sid", std::to_string(s.id));
    sd.set("organisation", s.organisation);
    sd.set("text", s.text);
    open_statements.push_back(sd);
  }
  d.set("open_statements", open_statements);
  return pages.Page(status, t.Text("staff.workspace", {{"title", p.title}}), "staff_petition",
                    std::move(d));
}

// POST /staff/petitions/{id}/{action}: records, extensions, statements.
HttpResponse WorkspaceAction(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req,
                             int64_t id, const std::string& action) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  Result<Principal> me = AuthenticateForChange(ctx, req, f->Get("csrf"));
  if (!me.ok()) return Refused(pages, me.status());
  Status done = Status::Ok();
  if (action == "records") {
    Result<ConsiderationRecord> r = RecordFromForm(*f);
    done = r.ok() ? RecordConsideration(ctx, *me, id, *r).status() : r.status();
  } else if (action == "extensions") {
    const std::string amount = f->Get("amount");
    const bool number = !amount.empty() && amount.size() <= 4 &&
                        amount.find_first_not_of("0123456789") == std::string::npos;
    done = number ? ExtendDeadlineAs(
                        ctx, *me, id,
                        {f->Get("stage"), std::stoi(amount), f->Get("unit"), f->Get("reason")})
                        .status()
                  : Status::Invalid("amount must be a whole number", "invalid_amount");
  } else if (action == "statements") {
    done = FileStatement(ctx, *me, id,
                         {f->Get("position"), f->Get("text"), Lines(f->Get("references"))})
               .status();
  } else {  // "replies"
    const std::optional<int64_t> sid = ParsePetitionId(f->Get("statement"));
    done = sid ? ReplyToStatement(ctx, *me, *sid, f->Get("text")).status()
               : Status::NotFound("no such statement", "statement_not_found");
  }
  if (!done.ok()) {
    if (done.kind() == ErrorKind::kInvalidArgument ||
        done.kind() == ErrorKind::kFailedPrecondition) {
      return Workspace(ctx, pages, *me, id, done.kind() == ErrorKind::kInvalidArgument ? 400 : 409,
                       ErrorData(pages.t, done));
    }
    return Refused(pages, done);
  }
  return SeeOther("/staff/petitions/" + std::to_string(id));
}

}  // namespace

void AddStaffPages(Router& router, const AppContext& ctx,
                   std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  const auto unknown = [pages](const HttpRequest& req) {
    return StatusPage(pages->For(req), Status::NotFound("no such petition"));
  };
  router.Add("GET", "/staff", [c, pages](const HttpRequest& req, const PathParams&) {
    return StaffHome(*c, pages->For(req), req);
  });
  router.Add("GET", "/staff/petitions/{id}",
             WithPetitionId(
                 [c, pages](const HttpRequest& req, int64_t id) {
                   Result<Principal> me = Authenticate(*c, req);
                   const LocalPages local = pages->For(req);
                   if (!me.ok()) return Refused(local, me.status());
                   return Workspace(*c, local, *me, id, 200, {});
                 },
                 unknown));
  for (const char* action : {"records", "extensions", "statements", "replies"}) {
    router.Add("POST", std::string("/staff/petitions/{id}/") + action,
               WithPetitionId(
                   [c, pages, a = std::string(action)](const HttpRequest& req, int64_t id) {
                     return WorkspaceAction(*c, pages->For(req), req, id, a);
                   },
                   unknown));
  }
}

}  // namespace petitio::http
