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
HttpResponse PetitionFeed(const AppContext& ctx, const PageRenderer& pages, int64_t id) {
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kPublic, "");
  if (!view.ok()) return StatusPage(pages, view.status());
  const std::string url = ctx.public_url + "/petitions/" + std::to_string(id);
  std::vector<FeedEntry> entries;
  for (auto it = view->items.rbegin(); it != view->items.rend(); ++it) {
    entries.push_back(
        {FormatDate(it->date) + ": " + it->detail,
         url + "#" + FormatDate(it->date) + "-" + it->kind + "-" + std::to_string(ToMillis(it->at)),
         url, it->at, it->detail});
  }
  return AtomFeed(view->petition.title, url + ".atom", url, entries);
}

// The 50 newest public petitions.
HttpResponse NewPetitionsFeed(const AppContext& ctx, const PageRenderer& pages) {
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
  return AtomFeed("New petitions", ctx.public_url + "/petitions.atom", ctx.public_url + "/",
                  entries);
}

HttpResponse FollowSubmit(const AppContext& ctx, const PageRenderer& pages, const HttpRequest& req,
                          int64_t id) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  Status s = FollowPetition(ctx, id, f->Get("email"), f->Get("name"));
  if (!s.ok()) {
    if (s.kind() == ErrorKind::kInvalidArgument) {
      return pages.Message(400, "Follow this petition", {s.message()},
                           "/petitions/" + std::to_string(id), "Back to the petition");
    }
    return StatusPage(pages, s);
  }
  return pages.Message(200, "Check your mail",
                       {"If the address is not following this petition yet, we have sent it a "
                        "link. Open it and press the button to receive the petition's news."},
                       "/petitions/" + std::to_string(id), "Back to the petition");
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
HttpResponse LinkPage(const AppContext& ctx, const PageRenderer& pages, const HttpRequest& req,
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
  const auto broken = [&pages] {
    return pages.Message(404, "This link does not work",
                         {"The link is incomplete. Use the link in the most recent message."});
  };
  if (!link) return broken();
  Result<Subscription> sub = SubscriptionOfLink(ctx, purpose, link->id, link->token);
  if (!sub.ok())
    return sub.status().kind() == ErrorKind::kNotFound ? broken() : StatusPage(pages, sub.status());
  const bool follow = purpose == "follow";
  if (!post) {
    mustache::data d;
    d.set("heading", follow ? "Follow this petition" : "Stop these messages");
    d.set("text", follow ? "Press the button to receive this petition's news by mail."
                         : "Press the button and we will send no more news of this petition "
                           "to " +
                               sub->email + ".");
    d.set("action", follow ? "/follow" : "/unsubscribe");
    d.set("button", follow ? "Follow" : "Unsubscribe");
    d.set("s", std::to_string(link->id));
    d.set("t", link->token);
    return pages.Page(200, follow ? "Follow" : "Unsubscribe", "link_button", d);
  }
  Status done =
      follow ? ConfirmFollow(ctx, link->id, link->token) : Unsubscribe(ctx, link->id, link->token);
  if (!done.ok()) return StatusPage(pages, done);
  return pages.Message(200, follow ? "You follow this petition" : "Unsubscribed",
                       {follow ? "We will mail you when something happens to it. Every message "
                                 "has a link to stop them."
                               : "We will send no more news of this petition to this address."},
                       "/petitions/" + std::to_string(sub->petition_id), "See the petition");
}

}  // namespace

void AddFollowPages(Router& router, const AppContext& ctx,
                    std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  const auto unknown = [pages] { return StatusPage(*pages, Status::NotFound("no such petition")); };
  router.Add("GET", "/petitions.atom", [c, pages](const HttpRequest&, const PathParams&) {
    return NewPetitionsFeed(*c, *pages);
  });
  router.Add("GET", "/petitions/{id}.atom",
             WithPetitionId([c, pages](const HttpRequest&,
                                       int64_t id) { return PetitionFeed(*c, *pages, id); },
                            unknown));
  router.Add("POST", "/petitions/{id}/follow",
             WithPetitionId([c, pages](const HttpRequest& req,
                                       int64_t id) { return FollowSubmit(*c, *pages, req, id); },
                            unknown));
  router.Add("POST", "/api/v1/petitions/{id}/followers",
             WithPetitionId(
                 [c](const HttpRequest& req, int64_t id) {
                   Result<RequestFields> f = RequestFields::Parse(req);
                   if (!f.ok()) return JsonError(f.status());
                   Status s = FollowPetition(*c, id, f->Get("email"), f->Get("name"));
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
                   return LinkPage(*c, *pages, req, p);
                 });
    }
  }
}

}  // namespace petitio::http
