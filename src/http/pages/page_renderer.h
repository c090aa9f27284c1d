// PageRenderer: renders the embedded Mustache templates (web/templates) into whole HTML pages,
// in the visitor's language. Every variable is HTML-escaped unless a template uses {{{triple}}}
// braces, which only ever receive HTML that this renderer produced itself.
//
// Templates read fixed texts from the message catalogue as {{m.KEY}} (web/messages/LANG.toml);
// texts with numbers or names in them are made by the handler with the catalogue (LocalPages::t).
// Create() parses every template once and fails with the first template error or the first
// {{m.KEY}} that a catalogue lacks, so a broken template stops the server at start rather than
// on a visitor's request. Everything here is const and safe to call from many threads.
//
// Rendering neither parses nor copies: each thread keeps its own parsed copy of a template once
// it has used it, and the catalogue's texts are looked up where they stand (a page's data is
// searched first, then "m").
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>

#include "domain/messages.h"
#include "domain/result.h"
#include "http/message.h"

namespace petitio::http {

namespace mustache = kainjow::mustache;

class LocalPages;

class PageRenderer {
 public:
  static Result<std::shared_ptr<const PageRenderer>> Create(const Messages& messages);

  // The pages in the language of this request (http/language.h).
  LocalPages For(const HttpRequest& req) const;
  const Messages& messages() const { return *messages_; }

  // A whole page: `body_template` rendered inside the layout. An "error" entry in `data`
  // (with "message") is rendered as the form's error summary. `script`, when given, is the path
  // of a JavaScript module that enhances the page (which must work without it where it can).
  // An "oembed_href" entry in `data` is announced in the head for oEmbed discovery.
  // `next` is where the language switch returns to.
  HttpResponse Page(const Catalogue& t, const std::string& next, int status,
                    const std::string& title, const std::string& body_template, mustache::data data,
                    const std::string& script = "") const;
  // `body`, a whole page in `language`, answered with the pages' headers (as Page does).
  static HttpResponse AsPage(std::string_view language, int status, std::string body);
  // Template `name` with the catalogue's texts as "m".
  std::string Render(const Catalogue& t, const std::string& name, const mustache::data& data) const;

 private:
  const Messages* messages_ = nullptr;
  std::map<std::string, std::string_view, std::less<>> templates_;  // the embedded texts
  std::map<std::string, mustache::data, std::less<>> texts_;  // language -> {"m": {{m.*}} tree}
};

// The pages as one visitor reads them: their language's catalogue `t`, and where the language
// switch returns to. Cheap to make per request.
class LocalPages {
 public:
  LocalPages(const PageRenderer& renderer, const Catalogue& texts, std::string next)
      : renderer_(renderer), t(texts), next_(std::move(next)) {}

  HttpResponse Page(int status, const std::string& title, const std::string& body_template,
                    mustache::data data, const std::string& script = "") const {
    return renderer_.Page(t, next_, status, title, body_template, std::move(data), script);
  }
  // A page with a heading, paragraphs and an optional link.
  HttpResponse Message(int status, const std::string& heading,
                       const std::vector<std::string>& paragraphs,
                       const std::string& link_href = "", const std::string& link_text = "") const;
  std::string Render(const std::string& name, const mustache::data& data) const {
    return renderer_.Render(t, name, data);
  }

 private:
  const PageRenderer& renderer_;

 public:
  const Catalogue& t;

 private:
  std::string next_;
};

// Splits text into paragraphs at blank lines (single newlines stay within a paragraph).
mustache::data Paragraphs(const std::string& text);

}  // namespace petitio::http
