// Following a petition: by e-mail (a form on the petition page; the address is confirmed by a
// link before anything is sent), or by its Atom feed (/petitions/{id}.atom, the public timeline);
// and new petitions by the site's feed (/petitions.atom).
// Every notice carries an unsubscribe link: GET shows a button, only the POST unsubscribes, so
// a mail scanner that opens links unsubscribes nobody.
#include "app/notifications.h"
#include "app/queries.h"
#include "http/api/request_body.h"
#include "http/errors.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

struct FeedEntry {
  std::string title;
  std::string id;  // an IRI, unique and stable
  std::string link;
  TimePoint updated;
  std::string summary;
};

// An RFC 4287 feed: `self` is its own address (also its id), `alternate` the page it follows.
HttpResponse AtomFeed(const std::string& title, const std::string& self,
                      const std::string& alternate, const std::vector<FeedEntry>& entries) {
  TimePoint updated{};
  for (const FeedEntry& e : entries) updated = std::max(updated, e.updated);
  std::string body =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>" +
      XmlEscape(title) + "</title>\n  <id>" + XmlEscape(self) +
      "</id>\n  <link rel=\"self\" href=\"" + XmlEscape(self) +
      "\"/>\n  <link rel=\"alternate\" href=\"" + XmlEscape(alternate) + "\"/>\n  <updated>" +
      FormatRfc3339(updated) + "</updated>\n  <author><name>Petitio</name></author>\n";
  for (const FeedEntry& e : entries) {
    body += "  <entry>\n    <title>" + XmlEscape(e.title) + "</title>\n    <id>" + XmlEscape(e.id) +
            "</id>\n    <link href=\"" + XmlEscape(e.link) + "\"/>\n    <updated>" +
            FormatRfc3339(e.updated) + "</updated>\n    <summary>" + XmlEscape(e.summary) +
            "</summary>\n  </entry>\n";
  }
  body += "</feed>\n";
  HttpResponse r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "public, max-age=60");
  return r;
}

// The petition's timeline, newest first.
HttpResponse PetitionFeed(const AppContext& ctx, const LocalPages& pages, int64_t id) {
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kPublic, "");
  if (!view.ok()) return StatusPage(pages, view.status());
  const std::string url = ctx.public_url + "/petitions/" + std::to_string(id);
  std::vector<FeedEntry> entries;
  const Catalogue& t = pages.t;
  for (auto it = view->items.rbegin(); it != view->items.rend(); ++it) {
    const std::string quote = TimelineQuote(t, *it);
    const std::string text = TimelineLabel(t, *it) + (quote.empty() ? "" : ": " + quote);
    entries.push_back(
        {t.FormatDate(it->date) + ": " + text,
         url + "#" + FormatDate(it->date) + "-" + it->kind + "-" + std::to_string(ToMillis(it->at)),
         url, it->at, text});
  }
  return AtomFeed(view->petition.title, url + ".atom", url, entries);
}

// The 50 newest public petitions.
HttpResponse NewPetitionsFeed(const AppContext& ctx, const LocalPages& pages) {
  Result<std::vector<Petition>> list = ListPublicPetitions(ctx, {"", "newest", 50, 0});
  if (!list.ok()) return StatusPage(pages, list.status());
  std::vector<FeedEntry> entries;
  for (const Petition& p : *list) {
    const std::string url = ctx.public_url + "/petitions/" + std::to_string(p.id);
    // The text up to the last space before 500 bytes (never inside a UTF-8 character).
    const size_t cut = p.text.size() > 500 ? p.text.find_last_of(' ', 500) : std::string::npos;
    entries.push_back({p.title, url, url, p.opened_at.value_or(p.created_at),
                       cut == std::string::npos ? p.text : p.text.substr(0, cut) + " …"});
  }
  return AtomFeed(pages.t.Text("feed.new_petitions"), ctx.public_url + "/petitions.atom",
                  ctx.public_url + "/", entries);
}

HttpResponse FollowSubmit(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req,
                          int64_t id) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  const Catalogue& t = pages.t;
  Status s = FollowPetition(ctx, id, f->Get("email"), f->Get("name"), t.language());
  if (!s.ok()) {
    if (s.kind() == ErrorKind::kInvalidArgument) {
      return pages.Message(400, t.Text("follow.heading"), {ErrorText(t, s)},
                           "/petitions/" + std::to_string(id), t.Text("common.back_to_petition"));
    }
    return StatusPage(pages, s);
  }
  return pages.Message(200, t.Text("check_mail.heading"), {t.Text("follow.check_mail")},
                       "/petitions/" + std::to_string(id), t.Text("common.back_to_petition"));
}

struct LinkParts {
  int64_t id = 0;
  std::string token;
};

std::optional<LinkParts> LinkOf(std::string_view s, std::string_view t) {
  const std::optional<int64_t> id = ParsePetitionId(std::string(s));
  if (!id || t.empty() || t.size() > 64) return std::nullopt;
  return LinkParts{*id, std::string(t)};
}

// GET: a page with one button; POST: does it.
HttpResponse LinkPage(const AppContext& ctx, const LocalPages& pages, const HttpRequest& req,
                      const std::string& purpose) {
  const bool post = req.method == "POST";
  std::optional<LinkParts> link;
  if (post) {
    Result<RequestFields> f = RequestFields::Parse(req);
    if (!f.ok()) return StatusPage(pages, f.status());
    link = LinkOf(f->Get("s"), f->Get("t"));
  } else {
    link = LinkOf(req.QueryParam("s"), req.QueryParam("t"));
  }
  const Catalogue& t = pages.t;
  const auto broken = [&pages, &t] {
    return pages.Message(404, t.Text("link.broken_heading"),
                         {t.Text("link.broken_text"), t.Text("link.use_latest")});
  };
  if (!link) return broken();
  Result<Subscription> sub = SubscriptionOfLink(ctx, purpose, link->id, link->token);
  if (!sub.ok())
    return sub.status().kind() == ErrorKind::kNotFound ? broken() : StatusPage(pages, sub.status());
  const bool follow = purpose == "follow";
  if (!post) {
    mustache::data d;
    d.set("heading", t.Text(follow ? "follow.heading" : "unsubscribe.heading"));
    d.set("text",
          follow ? t.Text("follow.press") : t.Text("unsubscribe.press", {{"email", sub->email}}));
    d.set("action", follow ? "/follow" : "/unsubscribe");
    d.set("button", t.Text(follow ? "follow.button" : "unsubscribe.button"));
    d.set("s", std::to_string(link->id));
    d.set("t", link->token);
    return pages.Page(200, t.Text(follow ? "follow.heading" : "unsubscribe.heading"), "link_button",
                      d);
  }
  Status done =
      follow ? ConfirmFollow(ctx, link->id, link->token) : Unsubscribe(ctx, link->id, link->token);
  if (!done.ok()) return StatusPage(pages, done);
  return pages.Message(200, t.Text(follow ? "follow.done_heading" : "unsubscribe.done_heading"),
                       {t.Text(follow ? "follow.done" : "unsubscribe.done")},
                       "/petitions/" + std::to_string(sub->petition_id),
                       t.Text("common.see_petition"));
}

}  // namespace

void AddFollowPages(Router& router, const AppContext& ctx,
                    std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  const auto unknown = [pages](const HttpRequest& req) {
    return StatusPage(pages->For(req), Status::NotFound("no such petition"));
  };
  router.Add("GET", "/petitions.atom", [c, pages](const HttpRequest& req, const PathParams&) {
    return NewPetitionsFeed(*c, pages->For(req));
  });
  router.Add(
      "GET", "/petitions/{id}.atom",
      WithPetitionId([c, pages](const HttpRequest& req,
                                int64_t id) { return PetitionFeed(*c, pages->For(req), id); },
                     unknown));
  router.Add(
      "POST", "/petitions/{id}/follow",
      WithPetitionId([c, pages](const HttpRequest& req,
                                int64_t id) { return FollowSubmit(*c, pages->For(req), req, id); },
                     unknown));
  router.Add("POST", "/api/v1/petitions/{id}/followers",
             WithPetitionId(
                 [c](const HttpRequest& req, int64_t id) {
                   Result<RequestFields> f = RequestFields::Parse(req);
                   if (!f.ok()) return JsonError(f.status());
                   const std::string language =
                       f->Get("language").empty() ? "en" : f->Get("language");
                   Status s = FollowPetition(*c, id, f->Get("email"), f->Get("name"), language);
                   if (!s.ok()) return JsonError(s);
                   HttpResponse r;
                   r.status = 202;
                   r.body = "{\"state\":\"pending\"}";
                   return r;
                 },
                 [] { return JsonError(404, "petition_not_found", "no such petition"); }));
  for (const char* purpose : {"follow", "unsubscribe"}) {
    const std::string path = std::string("/") + purpose;
    for (const char* method : {"GET", "POST"}) {
      router.Add(method, path,
                 [c, pages, p = std::string(purpose)](const HttpRequest& req, const PathParams&) {
                   return LinkPage(*c, pages->For(req), req, p);
                 });
    }
  }
}

}  // namespace petitio::http
