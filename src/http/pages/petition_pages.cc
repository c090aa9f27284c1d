#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <string_view>
#include <system_error>

#include "app/mail_texts.h"
#include "app/queries.h"
#include "app/use_cases.h"
#include "domain/plural.h"
#include "http/api/api_routes.h"
#include "http/api/public_view_cache.h"
#include "http/api/request_body.h"
#include "http/language.h"
#include "http/pages/charts.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

using PagesPtr = std::shared_ptr<const PageRenderer>;

// The sign and sponsor forms' fields, and the new petition form's (web/templates).
const FormFields kSignFields = {
    {"name", "name"}, {"email", "email"}, {"national_id", "national-id"}, {"region", "region"}};
const FormFields kNewPetitionFields = {{"profile", "profile"},
                                       {"language", "language"},
                                       {"title", "title"},
                                       {"addressee", "addressee"},
                                       {"addressee_level", "addressee-level"},
                                       {"addressee_region", "addressee-region"},
                                       {"text", "text"},
                                       {"name", "initiator-name"},
                                       {"email", "initiator-email"},
                                       {"national_id", "initiator-national-id"}};

mustache::data PetitionItem(const AppContext& ctx, const Catalogue& t, const Petition& p) {
  mustache::data d;
  d.set("id", std::to_string(p.id));
  d.set("title", p.title);
  if (!p.language.empty()) d.set("text_lang", p.language);
  d.set("to_addressee", t.Text("petition.to", {{"addressee", p.addressee}}));
  d.set("state_label", StateLabel(t, p.state));
  d.set("count_text", t.Plural("count.signatures", p.signature_count));
  d.set("profile_name", ProfileName(ctx.profiles.Find(p.profile_id), t.language()));
  return d;
}

// GET /petitions: search and filters, as a plain GET form (bookmarkable, no script).
HttpResponse SearchPage(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req) {
  const Catalogue& t = pages.t;
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
    for (const Petition& p : *found) results.push_back(PetitionItem(ctx, t, p));
  } else {
    d = ErrorData(t, found.status());
  }
  d.set("q", in.text);
  d.set("results", results);
  d.set("has_results", found.ok() && !found->empty());
  d.set("searched", found.ok());
  d.set("found_text",
        t.Plural("search.found", found.ok() ? static_cast<int64_t>(found->size()) : 0));
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
  d.set("states", options({{"", t.Text("search.state_any")},
                           {"open", t.Text("search.state_open")},
                           {"closed", t.Text("search.state_closed")},
                           {"rejected", t.Text("search.state_rejected")}},
                          in.state));
  d.set("orders", options({{"most_signed", t.Text("search.order_most_signed")},
                           {"newest", t.Text("search.order_newest")},
                           {"closing_soon", t.Text("search.order_closing_soon")}},
                          in.order.empty() ? "most_signed" : in.order));
  std::vector<std::pair<std::string, std::string>> profiles = {
      {"", t.Text("search.any_jurisdiction")}};
  for (const Profile* p : ctx.profiles.All()) {
    profiles.emplace_back(p->id, ProfileName(p, t.language()));
  }
  d.set("profiles", options(profiles, in.profile));
  return pages.Page(found.ok() ? 200 : 400, t.Text("search.heading"), "search", std::move(d));
}

HttpResponse Home(const AppContext& ctx, const LocalPages& pages) {
  const Catalogue& t = pages.t;
  Result<std::vector<Petition>> open = ListPublicPetitions(ctx, {"open", "most_signed", 100, 0});
  if (!open.ok()) return StatusPage(pages, open.status());
  mustache::data open_list{mustache::data::type::list};
  for (const Petition& p : *open) open_list.push_back(PetitionItem(ctx, t, p));
  mustache::data ended_list{mustache::data::type::list};
  bool has_ended = false;
  for (const char* state : {"closed", "rejected"}) {
    Result<std::vector<Petition>> ended = ListPublicPetitions(ctx, {state, "newest", 20, 0});
    if (!ended.ok()) return StatusPage(pages, ended.status());
    for (const Petition& p : *ended) {
      ended_list.push_back(PetitionItem(ctx, t, p));
      has_ended = true;
    }
  }
  mustache::data d;
  d.set("open", open_list);
  d.set("has_open", !open->empty());
  d.set("ended", ended_list);
  d.set("has_ended", has_ended);
  return pages.Page(200, t.Text("home.heading"), "home", d);
}

std::string StageLabel(const Catalogue& t, Stage stage) {
  return t.Text("stage." + std::string(StageName(stage)));
}

// One deadline as a countdown: "12 working days left — due 5 August 2024", or overdue.
mustache::data DeadlineData(const Catalogue& t, const Profile& profile, const StageDeadline& dl) {
  mustache::data dd;
  dd.set("label", StageLabel(t, dl.stage));
  dd.set("rule",
         t.Text("deadline.rule", {{"duration", DurationText(t, dl.duration)},
                                  {"start", t.FormatDate(profile.LocalDate(dl.starts_at))}}));
  dd.set("basis", dl.basis);
  dd.set("overdue", dl.overdue);
  if (dl.due) dd.set("due_iso", FormatDate(*dl.due));
  std::string status;
  if (!dl.due) {
    status = t.Text("deadline.unknown", {{"reason", dl.due_error}});
  } else if (dl.completed_at) {
    status = t.Text("deadline.done", {{"done", t.FormatDate(profile.LocalDate(*dl.completed_at))},
                                      {"due", t.FormatDate(*dl.due)}});
  } else if (dl.overdue) {
    status = t.Text("deadline.overdue", {{"due", t.FormatDate(*dl.due)}});
  } else if (dl.days_left && *dl.days_left > 0) {
    status = t.Plural(dl.days_left_working ? "deadline.working_days_left" : "deadline.days_left",
                      *dl.days_left, {{"due", t.FormatDate(*dl.due)}});
  } else {
    status = t.Text("deadline.today", {{"due", t.FormatDate(*dl.due)}});
  }
  dd.set("status", status);
  std::string extended;
  for (const DeadlineExtension& e : dl.extensions) {
    extended += (extended.empty() ? "" : " ") +
                t.Text("deadline.extended", {{"duration", DurationText(t, e.duration)},
                                             {"date", t.FormatDay(e.recorded_at)},
                                             {"reason", e.reason}});
  }
  if (!extended.empty()) dd.set("extended", extended);
  return dd;
}

mustache::data TimelineData(const Catalogue& t, const PetitionView& view) {
  mustache::data timeline{mustache::data::type::list};
  for (const TimelineItem& item : view.items) {
    mustache::data ed;
    ed.set("date", t.FormatDate(item.date));
    ed.set("date_iso", FormatDate(item.date));
    ed.set("detail", TimelineLabel(t, item));
    if (std::string quoted = TimelineQuote(t, item); !quoted.empty()) ed.set("quoted", quoted);
    ed.set("by_authority", item.record != nullptr);
    ed.set("scheduled", item.scheduled);
    if (item.in_time) {
      const std::string stage = StageLabel(t, item.deadline->stage);
      ed.set("deadline_note",
             t.Text(*item.in_time ? "timeline.in_time" : "timeline.late", {{"stage", stage}}));
      ed.set(*item.in_time ? "in_time" : "late", true);
    }
    timeline.push_back(ed);
  }
  return timeline;
}

// The authority's work (registration, working group, meetings, discussion, decision) and the
// organisations' statements, for the petition page.
void AddConsiderationData(const Catalogue& t, const PetitionView& view, mustache::data& d) {
  const Petition& p = view.petition;
  if (!p.registration_number.empty()) d.set("registration_number", p.registration_number);
  mustache::data meetings{mustache::data::type::list};
  for (const ConsiderationRecord& r : view.records) {
    if (r.kind == RecordKind::kDecision) {
      mustache::data dec;
      dec.set(
          "heading",
          t.Text("petition.decision_heading",
                 {{"outcome", t.Text("outcome." + std::string(DecisionOutcomeName(*r.outcome)))}}));
      dec.set("date", t.FormatDate(r.date));
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
      md.set("title", t.Text(r.kind == RecordKind::kMeeting ? "petition.meeting"
                                                            : "petition.public_discussion"));
      md.set("date", t.FormatDate(r.date));
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
    sd.set("position", t.Text("position." + std::string(PositionName(st.position))));
    sd.set("date", t.FormatDay(st.filed_at));
    sd.set("text", Paragraphs(st.text));
    mustache::data refs{mustache::data::type::list};
    for (const std::string& r : st.references) refs.push_back(r);
    sd.set("references", refs);
    sd.set("has_references", !st.references.empty());
    if (st.reply) {
      mustache::data reply;
      reply.set("text", Paragraphs(st.reply->text));
      reply.set("date", t.FormatDay(st.reply->at));
      sd.set("reply", reply);
    }
    statements.push_back(sd);
  }
  d.set("statements", statements);
  d.set("has_statements", !view.statements.empty());
}

HttpResponse PetitionPage(const AppContext& ctx, const LocalPages& pages, int64_t id,
                          const std::string& sponsor_token, int status, mustache::data extra,
                          const SignInput& form) {
  const Catalogue& t = pages.t;
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kPublic, sponsor_token);
  if (!view.ok()) return StatusPage(pages, view.status());
  const Petition& p = view->petition;
  mustache::data d = std::move(extra);
  d.set("id", std::to_string(p.id));
  d.set("title", p.title);
  if (!p.language.empty()) d.set("text_lang", p.language);
  d.set("meta", t.Text("petition.meta",
                       {{"addressee", p.addressee},
                        {"initiator", PublicNameOf(view->profile->identity, p.initiator_name)},
                        {"profile", ProfileName(view->profile, t.language())}}));
  d.set("state", std::string(PetitionStateName(p.state)));
  d.set("state_label", StateLabel(t, p.state));
  d.set("paragraphs", Paragraphs(p.text));
  d.set("count", t.Number(p.signature_count));
  d.set("count_unit", t.Plural("count.signatures_unit", p.signature_count));
  mustache::data unit_forms{mustache::data::type::list};  // for live_count.js
  std::set<std::string_view> seen;
  for (const int64_t n : {0, 1, 2, 5, 21}) {
    const auto category = PluralOf(t.language(), n);
    if (!category || !seen.insert(PluralCategoryName(*category)).second) continue;
    mustache::data unit;
    unit.set("category", std::string(PluralCategoryName(*category)));
    unit.set("form", t.Plural("count.signatures_unit", n));
    unit_forms.push_back(unit);
  }
  d.set("unit_forms", unit_forms);
  d.set("via_sponsor_link", view->via_sponsor_link);
  d.set("sponsors_note", t.Plural("petition.sponsors_note", view->profile->sponsors_required,
                                  {{"confirmed", t.Number(p.sponsor_count)}}));
  d.set("collecting", IsCollecting(p.state));
  d.set("form_name", form.name);
  d.set("form_email", form.email);
  d.set("needs_national_id", view->profile->identity.proof == IdentityProof::kNationalId);

  mustache::data thresholds{mustache::data::type::list};
  for (const ThresholdView& tv : view->thresholds) {
    mustache::data td;
    const int64_t target = tv.threshold.count;
    td.set("threshold_count", std::to_string(target));
    td.set("threshold_text", t.Plural("count.signatures", target));
    td.set("description", tv.threshold.description.Get(t.language()));
    const int64_t value = std::min(p.signature_count, target);
    td.set("progress_value", std::to_string(value));
    const int64_t percent = value * 100 / std::max<int64_t>(1, target);
    td.set("percent", std::to_string(percent));
    td.set("progress_label", t.Text("petition.progress", {{"count", t.Number(p.signature_count)},
                                                          {"target", t.Number(target)}}));
    if (tv.reached_at) {
      td.set("reached_at", t.Text("petition.reached", {{"date", t.FormatDay(*tv.reached_at)}}));
    }
    thresholds.push_back(td);
  }
  d.set("thresholds", thresholds);
  // Progress means something only for a petition that collects or has collected.
  d.set("shows_progress", IsCollecting(p.state) || p.state == PetitionState::kClosed);

  mustache::data deadlines{mustache::data::type::list};
  for (const StageDeadline& dl : view->deadlines) {
    deadlines.push_back(DeadlineData(t, *view->profile, dl));
  }
  d.set("deadlines", deadlines);

  if (p.moderation && p.moderation->decision == "reject" && p.state == PetitionState::kRejected) {
    mustache::data m;
    m.set("ground_code", p.moderation->ground_code);
    if (const ModerationGround* g = view->profile->FindGround(p.moderation->ground_code)) {
      m.set("ground_title", g->title.Get(t.language()));
      m.set("ground_citation", g->citation);
    }
    m.set("reason", p.moderation->reason);
    m.set("decided_at",
          t.Text("petition.decided", {{"date", t.FormatDay(p.moderation->decided_at)}}));
    d.set("moderation_rejected", m);
  }

  mustache::data regions{mustache::data::type::list};
  for (const Region& r : view->profile->regions) {
    mustache::data rd;
    rd.set("code", r.code);
    rd.set("name", r.name.Get(t.language()));
    regions.push_back(rd);
  }
  d.set("regions", regions);
  d.set("has_regions", !view->profile->regions.empty());

  d.set("timeline", TimelineData(t, *view));
  d.set("followable", IsVisible(p.state));
  if (IsVisible(p.state)) {
    const std::string url = ctx.public_url + "/petitions/" + std::to_string(id);
    d.set("oembed_href", ctx.public_url + "/oembed?url=" + PercentEncode(url));
    d.set("share_url", url);
    d.set("share_mailto",
          "mailto:?subject=" + PercentEncode(p.title) + "&body=" + PercentEncode(url));
    d.set("share_x", "https://twitter.com/intent/tweet?url=" + PercentEncode(url) +
                         "&text=" + PercentEncode(p.title));
    d.set("share_facebook", "https://www.facebook.com/sharer/sharer.php?u=" + PercentEncode(url));
    d.set("share_telegram",
          "https://t.me/share/url?url=" + PercentEncode(url) + "&text=" + PercentEncode(p.title));
    d.set("share_whatsapp", "https://wa.me/?text=" + PercentEncode(p.title + " " + url));
    if (Result<Series> series = SignatureSeries(ctx, id, "day"); series.ok()) {
      d.set("chart_time", SignaturesOverTimeSvg(t, *series));
    }
    std::vector<std::pair<std::string, int64_t>> bars;
    for (const Region& r : view->profile->regions) {
      auto it = view->signatures_by_region.find(r.code);
      if (it != view->signatures_by_region.end()) {
        bars.emplace_back(r.name.Get(t.language()), it->second);
      }
    }
    d.set("chart_regions", BarsSvg(t, t.Text("chart.by_region"), std::move(bars)));
  }
  AddConsiderationData(t, *view, d);
  if (IsVisible(p.state)) {
    d.set("live_events", "/api/v1/petitions/" + std::to_string(id) + "/events");
    return pages.Page(status, p.title, "petition", d, "/static/live_count.js");
  }
  return pages.Page(status, p.title, "petition", d);
}

// The page answering a signing: check your mail, or the petition's page with what was wrong.
HttpResponse SignedPage(const AppContext& ctx, const LocalPages& pages, int64_t id,
                        const SignInput& in, const Result<SignOutcome>& out) {
  const Catalogue& t = pages.t;
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kInvalidArgument) {
      return PetitionPage(ctx, pages, id, "", 400, ErrorData(t, out.status(), kSignFields), in);
    }
    return StatusPage(pages, out.status());
  }
  return pages.Message(
      200, t.Text("check_mail.heading"),
      {t.Text("check_mail.sent_link", {{"email", in.email}}), t.Text("check_mail.sign")},
      "/petitions/" + std::to_string(id), t.Text("common.back_to_petition"));
}

// Signs as the API does, holding no thread while the write commits (a viral petition's signers
// use this form); the page is made on a read worker once it has (HttpResponse::MadeOnWorker).
void SignSubmitThen(const AppContext& ctx, PagesPtr renderer, const HttpRequest& req, int64_t id,
                    Responder respond) {
  LocalPages pages = renderer->For(req);
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return respond(StatusPage(pages, f.status()));
  SignInput in{f->Get("name"), f->Get("email"), f->Get("region"), f->Get("national_id")};
  in.notify = f->Get("notify") == "on";
  in.client_ip = req.remote_address;
  in.language = pages.t.language();
  SignPetitionThen(ctx, id, in, [&ctx, renderer, pages, id, in, respond](Result<SignOutcome> out) {
    respond(HttpResponse::MadeOnWorker([&ctx, renderer, pages, id, in, out = std::move(out)] {
      return SignedPage(ctx, pages, id, in, out);
    }));
  });
}

mustache::data ProfileOptions(const AppContext& ctx, const Catalogue& t,
                              const std::string& selected) {
  mustache::data list{mustache::data::type::list};
  for (const Profile* p : ctx.profiles.All()) {
    mustache::data d;
    d.set("id", p->id);
    d.set("label",
          p->name.Get(t.language()) + " — " + t.Plural("new.sponsors", p->sponsors_required));
    d.set("selected", p->id == selected);
    list.push_back(d);
  }
  return list;
}

// Addressee levels and regions grouped by profile, for the two selects of the create form.
mustache::data AddresseeGroups(const AppContext& ctx, const Catalogue& t,
                               const CreatePetitionInput& in, bool regions) {
  mustache::data groups{mustache::data::type::list};
  for (const Profile* p : ctx.profiles.All()) {
    mustache::data options{mustache::data::type::list};
    bool any = false;
    if (regions) {
      for (const Region& r : p->regions) {
        mustache::data o;
        o.set("value", r.code);
        o.set("label", r.name.Get(t.language()));
        o.set("selected", p->id == in.profile && r.code == in.addressee_region);
        options.push_back(o);
        any = true;
      }
    } else {
      for (const Addressee& a : p->addressees) {
        mustache::data o;
        o.set("value", a.code);
        o.set("label", a.name.Get(t.language()) + (a.regional ? t.Text("new.name_region") : ""));
        o.set("selected", p->id == in.profile && a.code == in.addressee_level);
        options.push_back(o);
        any = true;
      }
    }
    if (!any) continue;
    mustache::data g;
    g.set("profile_name", p->name.Get(t.language()));
    g.set("options", options);
    groups.push_back(g);
  }
  return groups;
}

HttpResponse NewPetitionForm(const AppContext& ctx, const LocalPages& pages, int status,
                             mustache::data d, const CreatePetitionInput& in) {
  const Catalogue& t = pages.t;
  d.set("profiles", ProfileOptions(ctx, t, in.profile));
  d.set("level_groups", AddresseeGroups(ctx, t, in, false));
  d.set("region_groups", AddresseeGroups(ctx, t, in, true));
  const std::string text_language = in.language.empty() ? t.language() : in.language;
  mustache::data languages{mustache::data::type::list};
  for (std::string_view code : kLanguages) {
    mustache::data o;
    o.set("value", std::string(code));
    o.set("label", t.Text("language." + std::string(code)));
    o.set("selected", code == text_language);
    languages.push_back(o);
  }
  d.set("languages", languages);
  d.set("form_title", in.title);
  d.set("form_addressee", in.addressee);
  d.set("form_text", in.text);
  d.set("form_name", in.initiator_name);
  d.set("form_email", in.initiator_email);
  return pages.Page(status, t.Text("new.heading"), "new_petition", d);
}

HttpResponse CreateSubmit(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req) {
  const Catalogue& t = pages.t;
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  CreatePetitionInput in{
      f->Get("profile"),        f->Get("title"),           f->Get("text"),
      f->Get("addressee"),      f->Get("addressee_level"), f->Get("addressee_region"),
      f->Get("initiator.name"), f->Get("initiator.email"), f->Get("initiator.national_id")};
  in.language = f->Get("language");
  Result<CreatePetitionOutcome> out = CreatePetition(ctx, in);
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kInvalidArgument) {
      return NewPetitionForm(ctx, pages, 400, ErrorData(t, out.status(), kNewPetitionFields), in);
    }
    return StatusPage(pages, out.status());
  }
  return pages.Message(201, t.Text("check_mail.heading"),
                       {t.Text("check_mail.sent_message", {{"email", in.initiator_email}}),
                        t.Text("check_mail.create")});
}

HttpResponse SponsorPage(const AppContext& ctx, const LocalPages& pages, int64_t id,
                         const std::string& token, int status, mustache::data d,
                         const SignInput& form) {
  const Catalogue& t = pages.t;
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
  if (!p.language.empty()) d.set("text_lang", p.language);
  d.set("to_addressee", t.Text("petition.to", {{"addressee", p.addressee}}));
  d.set("paragraphs", Paragraphs(p.text));
  const bool moderation_first = view->profile->order() == StageOrder::kModerationFirst;
  std::string due;
  for (const StageDeadline& dl : view->deadlines) {
    if (dl.stage == Stage::kSponsors && dl.due) due = t.FormatDate(*dl.due);
  }
  const MessageArgs args = {{"initiator", PublicNameOf(view->profile->identity, p.initiator_name)},
                            {"confirmed", t.Number(p.sponsor_count)},
                            {"due", due}};
  const int64_t required = view->profile->sponsors_required;
  d.set("intro", !moderation_first ? t.Plural("sponsor.intro", required, args)
                 : due.empty()     ? t.Plural("sponsor.intro_after_moderation", required, args)
                               : t.Plural("sponsor.intro_after_moderation_due", required, args));
  d.set("accepting", IsGatheringSponsors(p.state, view->profile->order()));
  d.set("awaiting_moderation", IsModeratable(p.state, view->profile->order()));
  d.set("form_name", form.name);
  d.set("form_email", form.email);
  d.set("needs_national_id", view->profile->identity.proof == IdentityProof::kNationalId);
  return pages.Page(status, t.Text("sponsor.title", {{"title", p.title}}), "sponsor", d);
}

HttpResponse SponsorSubmit(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req,
                           int64_t id) {
  const Catalogue& t = pages.t;
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  const std::string& token = f->Get("sponsor_token");
  SignInput in{f->Get("name"), f->Get("email"), "", f->Get("national_id")};
  in.client_ip = req.remote_address;
  in.language = t.language();
  Result<SignOutcome> out = SponsorPetition(ctx, id, token, in);
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kInvalidArgument) {
      return SponsorPage(ctx, pages, id, token, 400, ErrorData(t, out.status(), kSignFields), in);
    }
    return StatusPage(pages, out.status());
  }
  return pages.Message(
      200, t.Text("check_mail.heading"),
      {t.Text("check_mail.sent_link", {{"email", in.email}}), t.Text("check_mail.sponsor")});
}

}  // namespace

void AddPetitionPages(Router& router, const AppContext& ctx, PagesPtr pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/", [c, pages](const HttpRequest& req, const PathParams&) {
    return Home(*c, pages->For(req));
  });
  router.Add("GET", "/petitions", [c, pages](const HttpRequest& req, const PathParams&) {
    return SearchPage(*c, pages->For(req), req);
  });
  router.Add("GET", "/petitions/new", [c, pages](const HttpRequest& req, const PathParams&) {
    return NewPetitionForm(*c, pages->For(req), 200, {}, {});
  });
  router.Add("POST", "/petitions", [c, pages](const HttpRequest& req, const PathParams&) {
    return CreateSubmit(*c, pages->For(req), req);
  });
  const auto unknown = [pages](const HttpRequest& req) {
    return StatusPage(pages->For(req), Status::NotFound("no such petition"));
  };
  // A petition's public page as last built, in each language, until the next commit (and for a
  // second at most: its deadlines count down): everyone who signs a viral petition views it.
  // Kept only for the plain address (no sponsor link, no query) and where the store sees every
  // commit (SQLite); answered from memory on the IO thread, as the petition's JSON is.
  // Bounded: a page is about 16 KiB, so 256 petitions in three languages keep about 12 MiB.
  auto kept = std::make_shared<std::map<std::string, PublicViewCache, std::less<>>>();
  for (std::string_view language : kLanguages) kept->try_emplace(std::string(language), 256);
  const auto plain = [](const HttpRequest& req, int64_t id) {
    // "/petitions/{id}" and nothing more, told without building the string on the IO thread.
    constexpr std::string_view kPrefix = "/petitions/";
    std::array<char, 24> digits;
    const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), id);
    const std::string_view target = req.target;
    return error == std::errc() && target.starts_with(kPrefix) &&
           target.substr(kPrefix.size()) ==
               std::string_view(digits.data(), static_cast<size_t>(end - digits.data()));
  };
  router.AddWithMemory(
      "GET", "/petitions/{id}",
      WithPetitionId(
          [c, pages, kept, plain](const HttpRequest& req, int64_t id) {
            const LocalPages local = pages->For(req);
            // Read before building: a commit while building makes the page unkept.
            const int64_t seq = plain(req, id) ? c->store.CommitSequence().value_or(-1) : -1;
            const TimePoint now = c->clock.Now();
            HttpResponse page =
                PetitionPage(*c, local, id, std::string(req.QueryParam("token")), 200, {}, {});
            const auto cache = kept->find(local.t.language());
            if (seq >= 0 && page.status == 200 && cache != kept->end()) {
              cache->second.Put(id, seq, now, page.body);
            }
            return page;
          },
          unknown),
      [c, kept, plain](const HttpRequest& req,
                       const PathParams& params) -> std::optional<HttpResponse> {
        const std::optional<int64_t> id = PetitionIdOf(params);
        if (!id || !plain(req, *id)) return std::nullopt;
        const std::optional<int64_t> seq = c->store.CommitSequence();
        const auto cache = kept->find(RequestLanguage(req));
        if (!seq || cache == kept->end()) return std::nullopt;
        std::optional<std::string> body = cache->second.Get(*id, *seq, c->clock.Now());
        if (!body) return std::nullopt;
        return PageRenderer::AsPage(cache->first, 200, std::move(*body));
      });
  router.AddDeferred(
      "POST", "/petitions/{id}/sign",
      [c, pages, unknown](const HttpRequest& req, const PathParams& params, Responder respond) {
        const std::optional<int64_t> id = PetitionIdOf(params);
        if (!id) return respond(unknown(req));
        SignSubmitThen(*c, pages, req, *id, std::move(respond));
      });
  router.Add("GET", "/petitions/{id}/sponsor",
             WithPetitionId(
                 [c, pages](const HttpRequest& req, int64_t id) {
                   return SponsorPage(*c, pages->For(req), id, std::string(req.QueryParam("token")),
                                      200, {}, {});
                 },
                 unknown));
  router.Add(
      "POST", "/petitions/{id}/sponsor",
      WithPetitionId([c, pages](const HttpRequest& req,
                                int64_t id) { return SponsorSubmit(*c, pages->For(req), req, id); },
                     unknown));
}

}  // namespace petitio::http
