// PageRenderer: renders the embedded Mustache templates (web/templates) into whole HTML pages.
// Every variable is HTML-escaped unless a template uses {{{triple}}} braces, which only ever
// receive HTML that this renderer produced itself.
//
// Create() parses every template once and fails with the first template error, so a broken
// template stops the server at start rather than on a visitor's request. Render is const and
// safe to call from many threads.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>

#include "domain/result.h"
#include "http/message.h"

namespace petitio::http {

namespace mustache = kainjow::mustache;

class PageRenderer {
 public:
  static Result<std::shared_ptr<const PageRenderer>> Create();

  // Renders template `name` (without extension) with `data`.
  std::string Render(const std::string& name, const mustache::data& data) const;
  // A whole page: `body_template` rendered inside the layout. An "error" entry in `data`
  // (with "message") is rendered as the form's error summary. `script`, when given, is the path
  // of a JavaScript module that enhances the page (which must work without it where it can).
  // An "oembed_href" entry in `data` is announced in the head for oEmbed discovery.
  HttpResponse Page(int status, const std::string& title, const std::string& body_template,
                    mustache::data data, const std::string& script = "") const;
  // A page with a heading, paragraphs and an optional link.
  HttpResponse Message(int status, const std::string& heading,
                       const std::vector<std::string>& paragraphs,
                       const std::string& link_href = "", const std::string& link_text = "") const;

 private:
  std::map<std::string, std::string> templates_;
};

// Splits text into paragraphs at blank lines (single newlines stay within a paragraph).
mustache::data Paragraphs(const std::string& text);

}  // namespace petitio::http
