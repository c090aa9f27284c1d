#include "http/pages/page_renderer.h"

#include "domain/embedded_file.h"

namespace petitio::http {

Result<std::shared_ptr<const PageRenderer>> PageRenderer::Create() {
  auto r = std::make_shared<PageRenderer>();
  for (const EmbeddedFile& f : embedded::templates()) {
    std::string name(f.path);
    const size_t dot = name.rfind(".mustache");
    if (dot == std::string::npos) continue;
    name.resize(dot);
    mustache::mustache parsed{std::string(f.contents())};
    if (!parsed.is_valid()) {
      return Status::Internal("template " + std::string(f.path) + ": " + parsed.error_message());
    }
    r->templates_[name] = std::string(f.contents());
  }
  for (const char* required : {"layout", "errors_summary", "message"}) {
    if (!r->templates_.count(required)) {
      return Status::Internal(std::string("missing template ") + required);
    }
  }
  return std::shared_ptr<const PageRenderer>(std::move(r));
}

std::string PageRenderer::Render(const std::string& name, const mustache::data& data) const {
  const auto it = templates_.find(name);
  if (it == templates_.end()) return "<p>missing template " + name + "</p>";
  mustache::mustache m{it->second};  // kainjow's render is not const: one instance per call
  return m.render(data);
}

HttpResponse PageRenderer::Page(int status, const std::string& title,
                                const std::string& body_template, mustache::data data,
                                const std::string& script) const {
  data.set("errors_summary", Render("errors_summary", data));
  mustache::data layout;
  if (!script.empty()) layout.set("script", script);
  // A page may name its oEmbed endpoint (a petition does) for discovery in the head.
  if (const mustache::data* oembed = data.get("oembed_href"); oembed && oembed->is_string()) {
    layout.set("oembed_href", oembed->string_value());
  }
  layout.set("lang", "en");
  layout.set("title", title);
  layout.set("body", Render(body_template, data));
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = Render("layout", layout);
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
  return r;
}

HttpResponse PageRenderer::Message(int status, const std::string& heading,
                                   const std::vector<std::string>& paragraphs,
                                   const std::string& link_href,
                                   const std::string& link_text) const {
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
