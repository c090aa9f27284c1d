#include <algorithm>

#include "app/queries.h"
#include "app/use_cases.h"
#include "http/api/api_routes.h"
#include "http/api/request_body.h"
#include "http/pages/charts.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

using PagesPtr = std::shared_ptr<const PageRenderer>;

mustache::data PetitionItem(const AppContext& ctx, const Petition& p) {
  mustache::data d;
  d.set("id", std::to_string(p.id));
  d.set("title", p.title);
  d.set("addressee", p.addressee);
  d.set("state", std::string(PetitionStateName(p.state)));
  d.set("count", std::to_string(p.signature_count));
  d.set("profile_name", ProfileName(ctx.profiles.Find(p.profile_id)));
  return d;
}

// GET /petitions: search and filters, as a plain GET form (bookmarkable, no script).
HttpResponse SearchPage(const AppContext& ctx, const PageRenderer& pages, const HttpRequest& req) {
  ListInput in;
  in.text = std::string(req.QueryParam("q"));
  in.state = std::string(req.QueryParam("state"));
  in.profile = std::string(req.QueryParam("profile"));
  in.order = std::string(req.QueryParam("order"));
  in.overdue = req.QueryParam("overdue") == "on";
  in.limit = 100;
  mustache::data d;
  Result<std::vector<Petition>> found = ListPublicPetitions(ctx, in);
  mustache::data results{mustache::data::type::list};
  if (found.ok()) {
    for (const Petition& p : *found) results.push_back(PetitionItem(ctx, p));
  } else {
    d = ErrorData(found.status());
  }
  d.set("q", in.text);
  d.set("results", results);
  d.set("has_results", found.ok() && !found->empty());
  d.set("searched", found.ok());
  d.set("count", std::to_string(found.ok() ? found->size() : 0));
  d.set("overdue", in.overdue);
  const auto options = [](const std::vector<std::pair<std::string, std::string>>& all,
                          const std::string& chosen) {
    mustache::data list{mustache::data::type::list};
    for (const auto& [value, label] : all) {
      mustache::data o;
      o.set("value", value);
      o.set("label", label);
      o.set("selected", value == chosen);
      list.push_back(o);
    }
    return list;
  };
  d.set("states", options({{"", "Open, closed or rejected"},
                           {"open", "Open"},
                           {"closed", "Closed"},
                           {"rejected", "Rejected"}},
                          in.state));
  d.set("orders", options({{"most_signed", "Most signed"},
                           {"newest", "Newest"},
                           {"closing_soon", "Closing soon"}},
                          in.order.empty() ? "most_signed" : in.order));
  std::vector<std::pair<std::string, std::string>> profiles = {{"", "Every jurisdiction"}};
  for (const Profile* p : ctx.profiles.All()) profiles.emplace_back(p->id, ProfileName(p));
  d.set("profiles", options(profiles, in.profile));
  return pages.Page(found.ok() ? 200 : 400, "Find petitions", "search", std::move(d));
}

HttpResponse Home(const AppContext& ctx, const PageRenderer& pages) {
  Result<std::vector<Petition>> open = ListPublicPetitions(ctx, {"open", "most_signed", 100, 0});
  if (!open.ok()) return StatusPage(pages, open.status());
  mustache::data open_list{mustache::data::type::list};
  for (const Petition& p : *open) open_list.push_back(PetitionItem(ctx, p));
  mustache::data ended_list{mustache::data::type::list};
  bool has_ended = false;
  for (const char* state : {"closed", "rejected"}) {
    Result<std::vector<Petition>> ended = ListPublicPetitions(ctx, {state, "newest", 20, 0});
    if (!ended.ok()) return StatusPage(pages, ended.status());
    for (const Petition& p : *ended) {
      ended_list.push_back(PetitionItem(ctx, p));
      has_ended = true;
    }
  }
  mustache::data d;
  d.set("open", open_list);
  d.set("has_open", !open->empty());
  d.set("ended", ended_list);
  d.set("has_ended", has_ended);
  return pages.Page(200, "Petitions", "home", d);
}

std::string StateLabel(PetitionState s) {
  switch (s) {
    case PetitionState::kOpen:
      return "Open for signatures";
    case PetitionState::kClosed:
      return "Closed";
    case PetitionState::kRejected:
      return "Rejected";
    case PetitionState::kHidden:
      return "Hidden";
    case PetitionState::kSponsored:
      return "Awaiting moderation";
    case PetitionState::kValidated:
      return "Confirmed by the initiator";
    case PetitionState::kAdmitted:
      return "Admitted: gathering supporters by its direct link";
    case PetitionState::kLapsed:
      return "Lapsed: not enough supporters in time";
    case PetitionState::kPending:
      return "Awaiting the initiator's confirmation";
  }
  return "";
}

std::string StageLabel(Stage stage) {
  switch (stage) {
    case Stage::kModeration:
      return "Moderation decision";
    case Stage::kSponsors:
      return "Supporters";
    case Stage::kCollection:
      return "Signatures close";
    case Stage::kConsideration:
      return "Consideration by the addressee";
    case Stage::kAnswer:
      return "Answer";
  }
  return "";
}

std::string DayDate(const Date& d) { return HumanDate(StartOfDay(d)); }

// One deadline as a countdown: "12 working days left — due 5 August 2024", or overdue.
mustache::data DeadlineData(const Profile& profile, const StageDeadline& dl) {
  mustache::data dd;
  dd.set("label", StageLabel(dl.stage));
  dd.set("rule",
         DescribeDuration(dl.duration) + " from " + DayDate(profile.LocalDate(dl.starts_at)));
  dd.set("basis", dl.basis);
  dd.set("overdue", dl.overdue);
  if (dl.due) dd.set("due_iso", FormatDate(*dl.due));
  std::string status;
  if (!dl.due) {
    status = "due date not known yet: " + dl.due_error;
  } else if (dl.completed_at) {
    status =
        "done " + DayDate(profile.LocalDate(*dl.completed_at)) + " (due " + DayDate(*dl.due) + ")";
  } else if (dl.overdue) {
    status = "overdue — was due " + DayDate(*dl.due);
  } else if (dl.days_left && *dl.days_left > 0) {
    const std::string unit = dl.days_left_working ? "working day" : "day";
    status = std::to_string(*dl.days_left) + " " + unit + (*dl.days_left == 1 ? "" : "s") +
             " left — due " + DayDate(*dl.due);
  } else {
    status = "due today, " + DayDate(*dl.due);
  }
  dd.set("status", status);
  std::string extended;
  for (const DeadlineExtension& e : dl.extensions) {
    extended += (extended.empty() ? "Extended by " : "; by ") + DescribeDuration(e.duration) +
                " on " + HumanDate(e.recorded_at) + ": " + e.reason;
  }
  if (!extended.empty()) dd.set("extended", extended);
  return dd;
}

// The petition page; `form` (may be empty) refills the sign form after an error.
mustache::data TimelineData(const PetitionView& view) {
  mustache::data timeline{mustache::data::type::list};
  for (const TimelineItem& item : view.items) {
    mustache::data ed;
    ed.set("date", HumanDate(StartOfDay(item.date)));
    ed.set("date_iso", FormatDate(item.date));
    ed.set("detail", item.detail);
    ed.set("by_authority", item.record != nullptr);
    ed.set("scheduled", item.scheduled);
    if (item.in_time) {
      ed.set(*item.in_time ? "in_time" : "late", true);
      ed.set("stage", StageLabel(item.deadline->stage));
    }
    timeline.push_back(ed);
  }
  return timeline;
}

std::string OutcomeLabel(const std::optional<DecisionOutcome>& o) {
  if (!o) return "";
  switch (*o) {
    case DecisionOutcome::kAccepted:
      return "Accepted";
    case DecisionOutcome::kPartiallyAccepted:
      return "Partially accepted";
    case DecisionOutcome::kRejected:
      return "Rejected";
  }
  return "";
}

std::string PositionLabel(Position p) {
  switch (p) {
    case Position::kSupport:
      return "Supports the petition";
    case Position::kOppose:
      return "Opposes the petition";
    case Position::kCallForRejection:
      return "Calls on the authority to reject the petition";
    case Position::kComment:
      return "Comment";
  }
  return "";
}

// The authority's work (registration, working group, meetings, discussion, decision) and the
// organisations' statements, for the petition page.
void AddConsiderationData(const PetitionView& view, mustache::data& d) {
  const Petition& p = view.petition;
  if (!p.registration_number.empty()) d.set("registration_number", p.registration_number);
  mustache::data meetings{mustache::data::type::list};
  for (const ConsiderationRecord& r : view.records) {
    if (r.kind == RecordKind::kDecision) {
      mustache::data dec;
      dec.set("outcome", OutcomeLabel(r.outcome));
      dec.set("date", HumanDate(StartOfDay(r.date)));
      dec.set("answer", Paragraphs(r.answer));
      dec.set("measures", Paragraphs(r.measures));
      dec.set("has_measures", !r.measures.empty());
      d.set("decision", dec);
    } else if (r.kind == RecordKind::kWorkingGroup) {
      mustache::data members{mustache::data::type::list};
      for (const GroupMember& m : r.members) {
        mustache::data md;
        md.set("name", m.name);
        md.set("body", m.body);
        members.push_back(md);
      }
      d.set("working_group", members);
      d.set("has_working_group", true);
    } else if (r.kind == RecordKind::kMeeting || r.kind == RecordKind::kPublicDiscussion) {
      mustache::data md;
      md.set("title",
             r.kind == RecordKind::kMeeting ? "Working group meeting" : "Public discussion");
      md.set("date", HumanDate(StartOfDay(r.date)));
      md.set("place", r.place);
      md.set("agenda", r.agenda);
      md.set("text", Paragraphs(r.kind == RecordKind::kMeeting ? r.minutes : r.summary));
      std::string participants;
      for (const std::string& who : r.participants) {
        participants += (participants.empty() ? "" : ", ") + who;
      }
      md.set("participants", participants);
      mustache::data attachments{mustache::data::type::list};
      for (const Attachment& a : r.attachments) {
        mustache::data ad;
        ad.set("title", a.title);
        ad.set("text", Paragraphs(a.text));
        attachments.push_back(ad);
      }
      md.set("attachments", attachments);
      meetings.push_back(md);
    }
  }
  d.set("meetings", meetings);
  d.set("has_meetings", !meetings.is_empty_list());
  mustache::data statements{mustache::data::type::list};
  for (const Statement& st : view.statements) {
    mustache::data sd;
    sd.set("id", std::to_string(st.id));
    sd.set("organisation", st.organisation);
    sd.set("position", PositionLabel(st.position));
    sd.set("date", HumanDate(st.filed_at));
    sd.set("text", Paragraphs(st.text));
    mustache::data refs{mustache::data::type::list};
    for (const std::string& r : st.references) refs.push_back(r);
    sd.set("references", refs);
    sd.set("has_references", !st.references.empty());
    if (st.reply) {
      mustache::data reply;
      reply.set("text", Paragraphs(st.reply->text));
      reply.set("date", HumanDate(st.reply->at));
      sd.set("reply", reply);
    }
    statements.push_back(sd);
  }
  d.set("statements", statements);
  d.set("has_statements", !view.statements.empty());
}

HttpResponse PetitionPage(const AppContext& ctx, const PageRenderer& pages, int64_t id,
                          const std::string& sponsor_token, int status, mustache::data extra,
                          const SignInput& form) {
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kPublic, sponsor_token);
  if (!view.ok()) return StatusPage(pages, view.status());
  const Petition& p = view->petition;
  mustache::data d = std::move(extra);
  d.set("id", std::to_string(p.id));
  d.set("title", p.title);
  d.set("addressee", p.addressee);
  d.set("initiator", PublicNameOf(view->profile->identity, p.initiator_name));
  d.set("profile_name", ProfileName(view->profile));
  d.set("state", std::string(PetitionStateName(p.state)));
  d.set("state_label", StateLabel(p.state));
  d.set("paragraphs", Paragraphs(p.text));
  d.set("count", std::to_string(p.signature_count));
  d.set("via_sponsor_link", view->via_sponsor_link);
  d.set("sponsors_required", std::to_string(view->profile->sponsors_required));
  d.set("sponsor_count", std::to_string(p.sponsor_count));
  d.set("collecting", IsCollecting(p.state));
  d.set("form_name", form.name);
  d.set("form_email", form.email);
  d.set("needs_national_id", view->profile->identity.proof == IdentityProof::kNationalId);

  mustache::data thresholds{mustache::data::type::list};
  for (const ThresholdView& t : view->thresholds) {
    mustache::data td;
    td.set("threshold_count", std::to_string(t.threshold.count));
    td.set("description", t.threshold.description.Get("en"));
    const int64_t value = std::min(p.signature_count, t.threshold.count);
    td.set("progress_value", std::to_string(value));
    td.set("percent", std::to_string(value * 100 / std::max<int64_t>(1, t.threshold.count)));
    if (t.reached_at) td.set("reached_at", HumanDate(*t.reached_at));
    thresholds.push_back(td);
  }
  d.set("thresholds", thresholds);
  // Progress means something only for a petition that collects or has collected.
  d.set("shows_progress", IsCollecting(p.state) || p.state == PetitionState::kClosed);

  mustache::data deadlines{mustache::data::type::list};
  for (const StageDeadline& dl : view->deadlines) {
    deadlines.push_back(DeadlineData(*view->profile, dl));
  }
  d.set("deadlines", deadlines);

  if (p.moderation && p.moderation->decision == "reject" && p.state == PetitionState::kRejected) {
    mustache::data m;
    m.set("ground_code", p.moderation->ground_code);
    if (const ModerationGround* g = view->profile->FindGround(p.moderation->ground_code)) {
      m.set("ground_title", g->title.Get("en"));
      m.set("ground_citation", g->citation);
    }
    m.set("reason", p.moderation->reason);
    m.set("decided_at", HumanDate(p.moderation->decided_at));
    d.set("moderation_rejected", m);
  }

  mustache::data regions{mustache::data::type::list};
  for (const Region& r : view->profile->regions) {
    mustache::data rd;
    rd.set("code", r.code);
    rd.set("name", r.name.Get("en"));
    regions.push_back(rd);
  }
  d.set("regions", regions);
  d.set("has_regions", !view->profile->regions.empty());

  d.set("timeline", TimelineData(*view));
  d.set("followable", IsVisible(p.state));
  if (IsVisible(p.state)) {
    std::string encoded;  // the petition's address as a query value
    for (char ch : ctx.public_url + "/petitions/" + std::to_string(id)) {
      const bool plain = std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.' ||
                         ch == '_' || ch == '~';
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(ch));
      encoded += plain ? std::string(1, ch) : std::string(hex);
    }
    d.set("oembed_href", ctx.public_url + "/oembed?url=" + encoded);
    if (Result<Series> series = SignatureSeries(ctx, id, "day"); series.ok()) {
      d.set("chart_time", SignaturesOverTimeSvg(*series));
    }
    std::vector<std::pair<std::string, int64_t>> bars;
    for (const Region& r : view->profile->regions) {
      auto it = view->signatures_by_region.find(r.code);
      if (it != view->signatures_by_region.end()) bars.emplace_back(r.name.Get("en"), it->second);
    }
    d.set("chart_regions", BarsSvg("Signatures by region", std::move(bars)));
  }
  AddConsiderationData(*view, d);
  if (IsVisible(p.state)) {
    d.set("live_events", "/api/v1/petitions/" + std::to_string(id) + "/events");
    return pages.Page(status, p.title, "petition", d, "/static/live_count.js");
  }
  return pages.Page(status, p.title, "petition", d);
}

HttpResponse SignSubmit(const AppContext& ctx, const PageRenderer& pages, const HttpRequest& req,
                        int64_t id) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  SignInput in{f->Get("name"), f->Get("email"), f->Get("region"), f->Get("national_id")};
  in.notify = f->Get("notify") == "on";
  in.client_ip = req.remote_address;
  Result<SignOutcome> out = SignPetition(ctx, id, in);
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kInvalidArgument) {
      return PetitionPage(ctx, pages, id, "", 400, ErrorData(out.status()), in);
    }
    return StatusPage(pages, out.status());
  }
  return pages.Message(200, "Now check your e-mail",
                       {"We sent a link to " + in.email + ".",
                        "Open it and press the button to confirm your signature. It counts "
                        "only after you confirm."},
                       "/petitions/" + std::to_string(id), "Back to the petition");
}

mustache::data ProfileOptions(const AppContext& ctx, const std::string& selected) {
  mustache::data list{mustache::data::type::list};
  for (const Profile* p : ctx.profiles.All()) {
    mustache::data d;
    d.set("id", p->id);
    d.set("name", p->name.Get("en"));
    d.set("sponsors_required", std::to_string(p->sponsors_required));
    d.set("selected", p->id == selected);
    list.push_back(d);
  }
  return list;
}

// Addressee levels and regions grouped by profile, for the two selects of the create form.
mustache::data AddresseeGroups(const AppContext& ctx, const CreatePetitionInput& in, bool regions) {
  mustache::data groups{mustache::data::type::list};
  for (const Profile* p : ctx.profiles.All()) {
    mustache::data options{mustache::data::type::list};
    bool any = false;
    if (regions) {
      for (const Region& r : p->regions) {
        mustache::data o;
        o.set("value", r.code);
        o.set("label", r.name.Get("en"));
        o.set("selected", p->id == in.profile && r.code == in.addressee_region);
        options.push_back(o);
        any = true;
      }
    } else {
      for (const Addressee& a : p->addressees) {
        mustache::data o;
        o.set("value", a.code);
        o.set("label", a.name.Get("en") + (a.regional ? " (name the region)" : ""));
        o.set("selected", p->id == in.profile && a.code == in.addressee_level);
        options.push_back(o);
        any = true;
      }
    }
    if (!any) continue;
    mustache::data g;
    g.set("profile_name", p->name.Get("en"));
    g.set("options", options);
    groups.push_back(g);
  }
  return groups;
}

HttpResponse NewPetitionForm(const AppContext& ctx, const PageRenderer& pages, int status,
                             mustache::data d, const CreatePetitionInput& in) {
  d.set("profiles", ProfileOptions(ctx, in.profile));
  d.set("level_groups", AddresseeGroups(ctx, in, false));
  d.set("region_groups", AddresseeGroups(ctx, in, true));
  d.set("form_title", in.title);
  d.set("form_addressee", in.addressee);
  d.set("form_text", in.text);
  d.set("form_name", in.initiator_name);
  d.set("form_email", in.initiator_email);
  return pages.Page(status, "Start a petition", "new_petition", d);
}

HttpResponse CreateSubmit(const AppContext& ctx, const PageRenderer& pages,
                          const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  const CreatePetitionInput in{
      f->Get("profile"),        f->Get("title"),           f->Get("text"),
      f->Get("addressee"),      f->Get("addressee_level"), f->Get("addressee_region"),
      f->Get("initiator.name"), f->Get("initiator.email"), f->Get("initiator.national_id")};
  Result<CreatePetitionOutcome> out = CreatePetition(ctx, in);
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kInvalidArgument) {
      return NewPetitionForm(ctx, pages, 400, ErrorData(out.status()), in);
    }
    return StatusPage(pages, out.status());
  }
  return pages.Message(
      201, "Now check your e-mail",
      {"We sent a message to " + in.initiator_email + ".",
       "Confirm your address with the link in it. The message also holds the link to send to "
       "your sponsors; once they have confirmed, a moderator checks the petition."});
}

HttpResponse SponsorPage(const AppContext& ctx, const PageRenderer& pages, int64_t id,
                         const std::string& token, int status, mustache::data d,
                         const SignInput& form) {
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kPublic, token);
  if (!view.ok() || !view->via_sponsor_link) {
    if (view.ok() && IsVisible(view->petition.state)) {
      return SeeOther("/petitions/" + std::to_string(id));  // already public: sign instead
    }
    return StatusPage(pages, Status::NotFound("no such petition"));
  }
  const Petition& p = view->petition;
  d.set("id", std::to_string(p.id));
  d.set("token", token);
  d.set("title", p.title);
  d.set("addressee", p.addressee);
  d.set("initiator", PublicNameOf(view->profile->identity, p.initiator_name));
  d.set("paragraphs", Paragraphs(p.text));
  d.set("sponsors_required", std::to_string(view->profile->sponsors_required));
  d.set("sponsor_count", std::to_string(p.sponsor_count));
  const bool moderation_first = view->profile->order() == StageOrder::kModerationFirst;
  d.set("accepting", IsGatheringSponsors(p.state, view->profile->order()));
  d.set("moderation_first", moderation_first);
  d.set("awaiting_moderation", IsModeratable(p.state, view->profile->order()));
  for (const StageDeadline& dl : view->deadlines) {
    if (dl.stage == Stage::kSponsors && dl.due) d.set("sponsors_due", DayDate(*dl.due));
  }
  d.set("form_name", form.name);
  d.set("form_email", form.email);
  d.set("needs_national_id", view->profile->identity.proof == IdentityProof::kNationalId);
  return pages.Page(status, "Support: " + p.title, "sponsor", d);
}

HttpResponse SponsorSubmit(const AppContext& ctx, const PageRenderer& pages, const HttpRequest& req,
                           int64_t id) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  const std::string& token = f->Get("sponsor_token");
  SignInput in{f->Get("name"), f->Get("email"), "", f->Get("national_id")};
  in.client_ip = req.remote_address;
  Result<SignOutcome> out = SponsorPetition(ctx, id, token, in);
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kInvalidArgument) {
      return SponsorPage(ctx, pages, id, token, 400, ErrorData(out.status()), in);
    }
    return StatusPage(pages, out.status());
  }
  return pages.Message(200, "Now check your e-mail",
                       {"We sent a link to " + in.email + ".",
                        "Open it and press the button to confirm your support."});
}

}  // namespace

void AddPetitionPages(Router& router, const AppContext& ctx, PagesPtr pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/",
             [c, pages](const HttpRequest&, const PathParams&) { return Home(*c, *pages); });
  router.Add("GET", "/petitions", [c, pages](const HttpRequest& req, const PathParams&) {
    return SearchPage(*c, *pages, req);
  });
  router.Add("GET", "/petitions/new", [c, pages](const HttpRequest&, const PathParams&) {
    return NewPetitionForm(*c, *pages, 200, {}, {});
  });
  router.Add("POST", "/petitions", [c, pages](const HttpRequest& req, const PathParams&) {
    return CreateSubmit(*c, *pages, req);
  });
  const auto unknown = [pages] { return StatusPage(*pages, Status::NotFound("no such petition")); };
  router.Add("GET", "/petitions/{id}",
             WithPetitionId(
                 [c, pages](const HttpRequest& req, int64_t id) {
                   return PetitionPage(*c, *pages, id, std::string(req.QueryParam("token")), 200,
                                       {}, {});
                 },
                 unknown));
  router.Add("POST", "/petitions/{id}/sign",
             WithPetitionId([c, pages](const HttpRequest& req,
                                       int64_t id) { return SignSubmit(*c, *pages, req, id); },
                            unknown));
  router.Add("GET", "/petitions/{id}/sponsor",
             WithPetitionId(
                 [c, pages](const HttpRequest& req, int64_t id) {
                   return SponsorPage(*c, *pages, id, std::string(req.QueryParam("token")), 200, {},
                                      {});
                 },
                 unknown));
  router.Add("POST", "/petitions/{id}/sponsor",
             WithPetitionId([c, pages](const HttpRequest& req,
                                       int64_t id) { return SponsorSubmit(*c, *pages, req, id); },
                            unknown));
}

}  // namespace petitio::http
