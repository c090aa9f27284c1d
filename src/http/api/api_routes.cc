#include "http/api/api_routes.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "app/queries.h"
#include "app/staff_actions.h"
#include "app/use_cases.h"
#include "domain/messages.h"
#include "http/api/log_routes.h"
#include "http/api/petition_json.h"
#include "http/api/public_view_cache.h"
#include "http/api/request_body.h"
#include "http/auth.h"
#include "http/errors.h"
#include "http/language.h"

namespace petitio::http {

namespace {

HttpResponse Json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse UnknownPetition() { return JsonError(404, "petition_not_found", "no such petition"); }

HttpResponse CountResponse(int64_t count) {
  HttpResponse r;
  r.body = "{\"signature_count\":" + std::to_string(count) + "}";
  // Fresh for a second, then revalidated by its ETag (http/conditional.h): a page polled by
  // thousands costs the server one answer a second per cache.
  r.headers.emplace_back("Cache-Control", "public, max-age=1");
  return r;
}

int ParseIntParam(const HttpRequest& req, std::string_view name, int fallback, bool& ok) {
  const std::string_view v = req.QueryParam(name);
  if (v.empty()) return fallback;
  if (v.size() > 6) {
    ok = false;
    return fallback;
  }
  int n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') {
      ok = false;
      return fallback;
    }
    n = n * 10 + (c - '0');
  }
  return n;
}

HttpResponse ListPetitions(const AppContext& ctx, const HttpRequest& req) {
  bool ok = true;
  ListInput in;
  in.state = std::string(req.QueryParam("state"));
  in.order = std::string(req.QueryParam("order"));
  in.limit = ParseIntParam(req, "limit", 50, ok);
  in.offset = ParseIntParam(req, "offset", 0, ok);
  if (!ok) return JsonError(400, "invalid_argument", "limit and offset are whole numbers");
  in.text = std::string(req.QueryParam("q"));
  in.profile = std::string(req.QueryParam("profile"));
  in.addressee_level = std::string(req.QueryParam("addressee_level"));
  in.authority = std::string(req.QueryParam("authority"));
  const std::string_view overdue = req.QueryParam("overdue");
  if (!overdue.empty() && overdue != "true" && overdue != "false") {
    return JsonError(400, "invalid_overdue", "overdue is true or false");
  }
  in.overdue = overdue == "true";
  Result<std::vector<Petition>> list = ListPublicPetitions(ctx, in);
  if (!list.ok()) return JsonError(list.status());
  return Json(200, PetitionListJson(*list, ctx.public_url));
}

HttpResponse CreatePetitionRoute(const AppContext& ctx, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  CreatePetitionInput in{
      f->Get("profile"),        f->Get("title"),           f->Get("text"),
      f->Get("addressee"),      f->Get("addressee_level"), f->Get("addressee_region"),
      f->Get("initiator.name"), f->Get("initiator.email"), f->Get("initiator.national_id")};
  in.language = f->Get("language");
  Result<CreatePetitionOutcome> out = CreatePetition(ctx, in);
  if (!out.ok()) return JsonError(out.status());
  const Petition& p = out->petition;
  HttpResponse r =
      Json(201, "{\"id\":" + std::to_string(p.id) +
                    ",\"state\":" + JsonQuote(std::string(PetitionStateName(p.state))) +
                    ",\"profile\":" + JsonQuote(p.profile_id) + ",\"title\":" + JsonQuote(p.title) +
                    ",\"created_at\":" + JsonQuote(FormatRfc3339(p.created_at)) +
                    ",\"mail_sent\":" + (out->mail_sent ? "true" : "false") + "}");
  r.headers.emplace_back("Location", "/api/v1/petitions/" + std::to_string(p.id));
  return r;
}

// Sign and confirm answer when their write commits, from the writer's thread; they hold no
// thread meanwhile.
void SignRoute(const AppContext& ctx, const HttpRequest& req, int64_t id, bool sponsor,
               Responder respond) {
  Result<RequestFields> f = RequestFields::Parse(req, {"notify"});
  if (!f.ok()) return respond(JsonError(f.status()));
  SignInput in{f->Get("name"), f->Get("email"), f->Get("region"), f->Get("national_id")};
  in.notify = f->Get("notify") == "true" || f->Get("notify") == "on";
  in.client_ip = req.remote_address;
  // The signer's mails: in the body's "language", else the one their browser asks for.
  in.language = IsSupportedLanguage(f->Get("language")) ? f->Get("language")
                                                        : std::string(RequestLanguage(req));
  SignDone done = [respond = std::move(respond)](Result<SignOutcome> out) {
    if (!out.ok()) return respond(JsonError(out.status()));
    respond(Json(202, "{\"state\":\"pending\",\"mail_sent\":" +
                          std::string(out->mail_sent ? "true" : "false") + "}"));
  };
  if (!sponsor) return SignPetitionThen(ctx, id, in, std::move(done));
  std::string token = f->Get("sponsor_token");
  if (token.empty()) token = std::string(req.QueryParam("token"));
  SponsorPetitionThen(ctx, id, token, in, std::move(done));
}

// `,"receipt":{…}` when the outcome has one; the signer's only copy besides the mail.
std::string ReceiptMember(const AppContext& ctx, const ConfirmOutcome& out) {
  if (!out.receipt) return "";
  const Receipt& r = *out.receipt;
  return ",\"receipt\":{\"petition_id\":" + std::to_string(r.petition_id) +
         ",\"log_index\":" + std::to_string(r.log_index) +
         ",\"leaf_hash\":" + JsonQuote(ToHex(r.leaf_hash)) +
         ",\"secret\":" + JsonQuote(ReceiptSecretHex(r.secret)) +
         ",\"check_url\":" + JsonQuote(ctx.public_url + ReceiptCheckPath(r)) + "}";
}

void ConfirmRoute(const AppContext& ctx, const HttpRequest& req, Responder respond) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return respond(JsonError(f.status()));
  const std::string language = IsSupportedLanguage(f->Get("language"))
                                   ? f->Get("language")
                                   : std::string(RequestLanguage(req));
  ConfirmSignatureThen(
      ctx, f->Get("token"), language,
      [&ctx, respond = std::move(respond)](Result<ConfirmOutcome> out) {
        if (!out.ok()) return respond(JsonError(out.status()));
        respond(Json(
            200, "{\"state\":\"validated\",\"petition_id\":" + std::to_string(out->petition_id) +
                     ",\"role\":" + JsonQuote(std::string(SignerRoleName(out->role))) +
                     ",\"newly_counted\":" + (out->newly_counted ? "true" : "false") +
                     ",\"signature_count\":" + std::to_string(out->signature_count) +
                     ReceiptMember(ctx, *out) + "}"));
      });
}

HttpResponse IdpNonceRoute(const AppContext& ctx, int64_t id) {
  Result<std::string> nonce = NewIdpNonce(ctx, id);
  if (!nonce.ok()) return JsonError(nonce.status());
  return Json(200, "{\"nonce\":" + JsonQuote(*nonce) +
                       ",\"provider\":" + JsonQuote(ctx.idp->provider().id) +
                       ",\"issuer\":" + JsonQuote(ctx.idp->provider().issuer) + "}");
}

// Answers when the signature's write commits, from the writer's thread; holds no thread meanwhile.
void IdpSignRoute(const AppContext& ctx, const HttpRequest& req, int64_t id, Responder respond) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return respond(JsonError(f.status()));
  IdpSignInput in{f->Get("id_token"), f->Get("nonce"), f->Get("region")};
  in.client_ip = req.remote_address;
  SignWithIdentityProviderThen(
      ctx, id, in, [&ctx, id, respond = std::move(respond)](Result<ConfirmOutcome> out) {
        if (!out.ok()) return respond(JsonError(out.status()));
        respond(Json(200, "{\"state\":\"validated\",\"petition_id\":" + std::to_string(id) +
                              ",\"newly_counted\":" + (out->newly_counted ? "true" : "false") +
                              ",\"signature_count\":" + std::to_string(out->signature_count) +
                              ReceiptMember(ctx, *out) + "}"));
      });
}

HttpResponse WithdrawRoute(const AppContext& ctx, const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  Result<WithdrawOutcome> out = WithdrawSignature(ctx, f->Get("token"));
  if (!out.ok()) return JsonError(out.status());
  return Json(200, "{\"state\":\"withdrawn\",\"petition_id\":" + std::to_string(out->petition_id) +
                       ",\"newly_withdrawn\":" + (out->newly_withdrawn ? "true" : "false") +
                       ",\"signature_count\":" + std::to_string(out->signature_count) + "}");
}

// The moderator behind a state-changing request, or the answer refusing it.
Result<Principal> Moderator(const AppContext& ctx, const HttpRequest& req) {
  Result<Principal> p = AuthenticateForChange(ctx, req);
  if (!p.ok()) return p.status();
  if (!CanModerate(p->account)) {
    return Status(ErrorKind::kPermissionDenied, "forbidden", "only moderators may do this");
  }
  return p;
}

HttpResponse ModerateRoute(const AppContext& ctx, const HttpRequest& req,
                           const PathParams& params) {
  const std::optional<int64_t> id = ParsePetitionId(params.at("id"));
  if (!id) return UnknownPetition();
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  Result<Principal> by = Moderator(ctx, req);
  if (!by.ok()) return JsonError(by.status());
  Result<Petition> p =
      ModerateAs(ctx, *by, *id, {f->Get("decision"), f->Get("ground"), f->Get("reason")});
  if (!p.ok()) return JsonError(p.status());
  Result<PetitionView> view = ViewPetition(ctx, *id, Viewer::kModerator, "");
  if (!view.ok()) return JsonError(view.status());
  return Json(200, PetitionJson(*view, ctx.public_url));
}

HttpResponse InvalidateRoute(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return JsonError(f.status());
  Result<Principal> by = Moderator(ctx, req);
  if (!by.ok()) return JsonError(by.status());
  Result<Invalidation> inv = InvalidateSignatures(
      ctx, id, {f->Get("by"), f->Get("value"), f->Get("from"), f->Get("to"), f->Get("reason")});
  if (!inv.ok()) return JsonError(inv.status());
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kModerator, "");
  if (!view.ok()) return JsonError(view.status());
  return Json(200, PetitionJson(*view, ctx.public_url));
}

HttpResponse TrendingRoute(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  Result<Principal> by = Moderator(ctx, req);
  if (!by.ok()) return JsonError(by.status());
  Result<Trending> t = TrendingSources(ctx, id);
  if (!t.ok()) return JsonError(t.status());
  return Json(200, TrendingJson(*t, 60));
}

HttpResponse ExtendRoute(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  Result<RequestFields> f = RequestFields::Parse(req, {"amount"});
  if (!f.ok()) return JsonError(f.status());
  Result<Principal> by = AuthenticateForChange(ctx, req);
  if (!by.ok()) return JsonError(by.status());
  ExtensionInput in{f->Get("stage"), 0, f->Get("unit"), f->Get("reason")};
  const std::string amount = f->Get("amount");
  if (amount.empty() || amount.size() > 5 ||
      amount.find_first_not_of("0123456789") != std::string::npos) {
    return JsonError(400, "invalid_amount", "amount must be a positive whole number");
  }
  in.amount = std::stoi(amount);
  Result<Petition> p = ExtendDeadlineAs(ctx, *by, id, in);
  if (!p.ok()) return JsonError(p.status());
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kModerator, "");
  if (!view.ok()) return JsonError(view.status());
  return Json(200, PetitionJson(*view, ctx.public_url));
}

}  // namespace

std::string BearerToken(const HttpRequest& request) {
  const std::string_view h = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (h.size() <= kBearer.size() || h.substr(0, kBearer.size()) != kBearer) return "";
  return std::string(h.substr(kBearer.size()));
}

HttpResponse SeriesRoute(const AppContext& ctx, const HttpRequest& req, int64_t id) {
  std::string interval(req.QueryParam("interval"));
  if (interval.empty()) interval = "day";
  Result<Series> series = SignatureSeries(ctx, id, interval);
  if (!series.ok()) return JsonError(series.status());
  std::string body = "{\"interval\":" + JsonQuote(series->interval) +
                     ",\"utc_offset_minutes\":" + std::to_string(series->utc_offset_minutes) +
                     ",\"points\":[";
  for (size_t i = 0; i < series->points.size(); ++i) {
    const SeriesPoint& p = series->points[i];
    body += (i ? "," : "") + std::string("{\"start\":") + JsonQuote(FormatRfc3339(p.start)) +
            ",\"count\":" + std::to_string(p.count) + ",\"total\":" + std::to_string(p.total) + "}";
  }
  return Json(200, body + "]}");
}

void AddApiRoutes(Router& router, const AppContext& ctx) {
  const AppContext* c = &ctx;
  router.Add(
      "GET", "/api/v1/petitions/{id}/series",
      WithPetitionId([c](const HttpRequest& req, int64_t id) { return SeriesRoute(*c, req, id); },
                     UnknownPetition));
  AddLogRoutes(router, ctx);
  router.Add("GET", "/api/v1/profiles", [c](const HttpRequest&, const PathParams&) {
    return Json(200, ProfilesJson(c->profiles.All()));
  });
  router.Add("GET", "/api/v1/petitions",
             [c](const HttpRequest& req, const PathParams&) { return ListPetitions(*c, req); });
  router.Add("POST", "/api/v1/petitions", [c](const HttpRequest& req, const PathParams&) {
    return CreatePetitionRoute(*c, req);
  });
  auto public_views = std::make_shared<PublicViewCache>();
  router.AddWithMemory(
      "GET", "/api/v1/petitions/{id}",
      WithPetitionId(
          [c, public_views](const HttpRequest& req, int64_t id) {
            Result<Principal> who = Authenticate(*c, req);
            const Viewer viewer =
                who.ok() && CanModerate(who->account) ? Viewer::kModerator : Viewer::kPublic;
            const std::string token(req.QueryParam("token"));
            // Read before building: a commit while building makes the answer unkept.
            // -1: not kept (a moderator's or a sponsor link's view, or a shared store).
            const int64_t seq = viewer == Viewer::kPublic && token.empty()
                                    ? c->store.CommitSequence().value_or(-1)
                                    : -1;
            const TimePoint now = c->clock.Now();
            if (seq >= 0) {
              if (std::optional<std::string> kept = public_views->Get(id, seq, now)) {
                return Json(200, std::move(*kept));
              }
            }
            Result<PetitionView> view = ViewPetition(*c, id, viewer, token);
            if (!view.ok()) return JsonError(view.status());
            std::string body = PetitionJson(*view, c->public_url);
            if (seq >= 0) public_views->Put(id, seq, now, body);
            return Json(200, std::move(body));
          },
          UnknownPetition),
      // The public answer kept since the last commit, to whoever shows no credentials (a
      // moderator may see more) and no sponsor link.
      [c, public_views](const HttpRequest& req,
                        const PathParams& params) -> std::optional<HttpResponse> {
        const std::optional<int64_t> id = PetitionIdOf(params);
        if (!id || HasCredentials(req) || req.HasQueryParam("token")) return std::nullopt;
        const std::optional<int64_t> seq = c->store.CommitSequence();
        if (!seq) return std::nullopt;
        std::optional<std::string> kept = public_views->Get(*id, *seq, c->clock.Now());
        if (!kept) return std::nullopt;
        return Json(200, std::move(*kept));
      });
  router.AddWithMemory(
      "GET", "/api/v1/petitions/{id}/count",
      WithPetitionId(
          [c](const HttpRequest&, int64_t id) {
            Result<int64_t> count = PublicSignatureCount(*c, id);
            if (!count.ok()) return JsonError(count.status());
            return CountResponse(*count);
          },
          UnknownPetition),
      [c](const HttpRequest&, const PathParams& params) -> std::optional<HttpResponse> {
        const std::optional<int64_t> id = PetitionIdOf(params);
        if (!id) return std::nullopt;
        const std::optional<int64_t> count = PublicSignatureCountFromMemory(*c, *id);
        if (!count) return std::nullopt;
        return CountResponse(*count);
      });
  router.AddDeferred("POST", "/api/v1/petitions/{id}/sponsors",
                     WithPetitionIdDeferred(
                         [c](const HttpRequest& req, int64_t id, Responder respond) {
                           SignRoute(*c, req, id, /*sponsor=*/true, std::move(respond));
                         },
                         UnknownPetition));
  router.AddDeferred("POST", "/api/v1/petitions/{id}/signatures",
                     WithPetitionIdDeferred(
                         [c](const HttpRequest& req, int64_t id, Responder respond) {
                           SignRoute(*c, req, id, /*sponsor=*/false, std::move(respond));
                         },
                         UnknownPetition));
  router.AddDeferred("POST", "/api/v1/signatures/confirm",
                     [c](const HttpRequest& req, const PathParams&, Responder respond) {
                       ConfirmRoute(*c, req, std::move(respond));
                     });
  router.Add("POST", "/api/v1/petitions/{id}/idp/nonce",
             WithPetitionId([c](const HttpRequest&, int64_t id) { return IdpNonceRoute(*c, id); },
                            UnknownPetition));
  router.AddDeferred("POST", "/api/v1/petitions/{id}/signatures/idp",
                     WithPetitionIdDeferred(
                         [c](const HttpRequest& req, int64_t id, Responder respond) {
                           IdpSignRoute(*c, req, id, std::move(respond));
                         },
                         UnknownPetition));
  router.Add("POST", "/api/v1/signatures/withdraw",
             [c](const HttpRequest& req, const PathParams&) { return WithdrawRoute(*c, req); });
  router.Add("GET", "/api/v1/admin/moderation", [c](const HttpRequest& req, const PathParams&) {
    Result<Principal> who = Authenticate(*c, req);
    if (!who.ok()) return JsonError(who.status());
    if (!CanModerate(who->account)) return JsonError(403, "forbidden", "only moderators see this");
    Result<std::vector<QueueItem>> queue = ModerationQueueItems(*c);
    if (!queue.ok()) return JsonError(queue.status());
    return Json(200, ModerationQueueJson(*queue, c->public_url));
  });
  router.Add(
      "POST", "/api/v1/admin/petitions/{id}/moderation",
      [c](const HttpRequest& req, const PathParams& p) { return ModerateRoute(*c, req, p); });
  router.Add("POST", "/api/v1/admin/petitions/{id}/invalidations",
             WithPetitionId(
                 [c](const HttpRequest& req, int64_t id) { return InvalidateRoute(*c, req, id); },
                 UnknownPetition));
  router.Add(
      "GET", "/api/v1/admin/petitions/{id}/trending",
      WithPetitionId([c](const HttpRequest& req, int64_t id) { return TrendingRoute(*c, req, id); },
                     UnknownPetition));
  router.Add(
      "POST", "/api/v1/admin/petitions/{id}/extensions",
      WithPetitionId([c](const HttpRequest& req, int64_t id) { return ExtendRoute(*c, req, id); },
                     UnknownPetition));
}

}  // namespace petitio::http
