#include "http/pages/page_renderer.h"

#include <memory>
#include <string_view>
#include <unordered_map>

#include "domain/embedded_file.h"
#include "http/language.h"
#include "http/pages/page_common.h"

namespace petitio::http {

namespace {

// The catalogue's texts as nested Mustache data: "home.heading" -> m.home.heading.
struct TextTree {
  std::string text;
  std::map<std::string, TextTree, std::less<>> children;
  mustache::data ToData() const {
    if (children.empty()) return mustache::data(text);
    mustache::data d{mustache::data::type::object};
    for (const auto& [k, child] : children) d.set(k, child.ToData());
    return d;
  }
};

mustache::data TextsOf(const Catalogue& t) {
  TextTree root;
  for (const auto& [key, text] : t.texts()) {
    TextTree* node = &root;
    size_t pos = 0;
    while (true) {
      const size_t dot = key.find('.', pos);
      node = &node->children[key.substr(pos, dot - pos)];
      if (dot == std::string::npos) break;
      pos = dot + 1;
    }
    node->text = text;
  }
  return root.ToData();
}

// The {{m.KEY}} references of a template that `t` lacks.
std::vector<std::string> MissingTexts(std::string_view tmpl, const Catalogue& t) {
  std::vector<std::string> missing;
  size_t pos = 0;
  while ((pos = tmpl.find("{{", pos)) != std::string_view::npos) {
    pos += 2;
    while (pos < tmpl.size() && (tmpl[pos] == '{' || tmpl[pos] == '#' || tmpl[pos] == '^' ||
                                 tmpl[pos] == '/' || tmpl[pos] == '&' || tmpl[pos] == ' ')) {
      ++pos;
    }
    if (tmpl.substr(pos, 2) != "m.") continue;
    const size_t end = tmpl.find('}', pos);
    std::string key(tmpl.substr(pos + 2, end - pos - 2));
    while (!key.empty() && key.back() == ' ') key.pop_back();
    if (!t.Has(key)) missing.push_back(key);
  }
  return missing;
}

// This thread's parsed copy of an embedded template (kainjow's render is not const, so a parsed
// template is not shared between threads), parsed on first use. Keyed by the embedded text's
// address, which is the same for every renderer of this process. Reset it to parse again.
std::unique_ptr<mustache::mustache>& ParsedOnThisThread(std::string_view text) {
  thread_local std::unordered_map<const char*, std::unique_ptr<mustache::mustache>> parsed;
  std::unique_ptr<mustache::mustache>& slot = parsed[text.data()];
  if (!slot) slot = std::make_unique<mustache::mustache>(std::string(text));
  return slot;
}

std::string LanguageName(std::string_view code) {
  if (code == "kk") return "Қазақша";
  if (code == "ru") return "Русский";
  return "English";
}

}  // namespace

Result<std::shared_ptr<const PageRenderer>> PageRenderer::Create(const Messages& messages) {
  auto r = std::make_shared<PageRenderer>();
  r->messages_ = &messages;
  for (std::string_view lang : kLanguages) {
    mustache::data root{mustache::data::type::object};
    root.set("m", TextsOf(messages.For(lang)));
    r->texts_.emplace(std::string(lang), std::move(root));
  }
  for (const EmbeddedFile& f : embedded::templates()) {
    std::string name(f.path);
    const size_t dot = name.rfind(".mustache");
    if (dot == std::string::npos) continue;
    name.resize(dot);
    mustache::mustache parsed{std::string(f.contents())};
    if (!parsed.is_valid()) {
      return Status::Internal("template " + std::string(f.path) + ": " + parsed.error_message());
    }
    for (std::string_view lang : kLanguages) {
      const std::vector<std::string> missing = MissingTexts(f.contents(), messages.For(lang));
      if (!missing.empty()) {
        return Status::Internal("template " + std::string(f.path) + ": messages/" +
                                std::string(lang) + ".toml lacks " + missing.front());
      }
    }
    r->templates_[name] = f.contents();
  }
  for (const char* required : {"layout", "errors_summary", "message"}) {
    if (!r->templates_.count(required)) {
      return Status::Internal(std::string("missing template ") + required);
    }
  }
  return std::shared_ptr<const PageRenderer>(std::move(r));
}

LocalPages PageRenderer::For(const HttpRequest& req) const {
  // The language switch returns to the page it was used on; after a form's POST, to the home page.
  std::string next = req.method == "GET" || req.method == "HEAD" ? req.target : "/";
  if (next.empty() || next[0] != '/') next = "/";
  return LocalPages(*this, messages_->For(RequestLanguage(req)), std::move(next));
}

std::string PageRenderer::Render(const Catalogue& t, const std::string& name,
                                 const mustache::data& data) const {
  const auto it = templates_.find(name);
  if (it == templates_.end()) return "<p>missing template " + name + "</p>";
  // Names are looked up in `data` first, then in the language's texts ("m"): neither is copied.
  mustache::context<std::string> scope(&texts_.find(t.language())->second);
  scope.push(&data);
  std::unique_ptr<mustache::mustache>& parsed = ParsedOnThisThread(it->second);
  std::string out = parsed->render(scope);
  if (!parsed->is_valid()) parsed.reset();  // an error sticks to the instance: parse afresh
  return out;
}

HttpResponse PageRenderer::Page(const Catalogue& t, const std::string& next, int status,
                                const std::string& title, const std::string& body_template,
                                mustache::data data, const std::string& script) const {
  data.set("errors_summary", Render(t, "errors_summary", data));
  mustache::data layout;
  mustache::data languages{mustache::data::type::list};
  for (std::string_view code : kLanguages) {
    mustache::data l;
    l.set("code", std::string(code));
    l.set("name", LanguageName(code));
    l.set("href", "/language/" + std::string(code) + "?next=" + PercentEncode(next));
    l.set("current", code == t.language());
    languages.push_back(l);
  }
  layout.set("languages", languages);
  if (!script.empty()) layout.set("script", script);
  // A page may name its oEmbed endpoint (a petition does) for discovery in the head.
  if (const mustache::data* oembed = data.get("oembed_href"); oembed && oembed->is_string()) {
    layout.set("oembed_href", oembed->string_value());
  }
  layout.set("lang", t.language());
  layout.set("title", title);
  layout.set("body", Render(t, body_template, data));
  return AsPage(t.language(), status, Render(t, "layout", layout));
}

HttpResponse PageRenderer::AsPage(std::string_view language, int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Content-Language", std::string(language));
  r.headers.emplace_back("Vary", "Accept-Language, Cookie");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
  return r;
}

HttpResponse LocalPages::Message(int status, const std::string& heading,
                                 const std::vector<std::string>& paragraphs,
                                 const std::string& link_href, const std::string& link_text) const {
  mustache::data d;
  d.set("heading", heading);
  mustache::data list{mustache::data::type::list};
  for (const std::string& p : paragraphs) list.push_back(p);
  d.set("paragraphs", list);
  if (!link_href.empty()) {
    d.set("link_href", link_href);
    d.set("link_text", link_text);
  }
  return Page(status, heading, "message", d);
}

mustache::data Paragraphs(const std::string& text) {
  mustache::data list{mustache::data::type::list};
  std::string current;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!current.empty()) list.push_back(current);
      current.clear();
    } else {
      current += (current.empty() ? "" : "\n") + line;
    }
    pos = nl + 1;
  }
  if (!current.empty()) list.push_back(current);
  return list;
}

}  // namespace petitio::http
