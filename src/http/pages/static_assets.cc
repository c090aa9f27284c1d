#include "domain/embedded_file.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

std::string ContentTypeFor(std::string_view path) {
  const auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

void AddStaticAssets(Router& router) {
  router.Add("GET", "/static/{name}", [](const HttpRequest&, const PathParams& p) {
    const std::string& name = p.at("name");
    for (const EmbeddedFile& f : embedded::assets()) {
      if (name == f.path) {
        HttpResponse r;
        r.content_type = ContentTypeFor(name);
        r.body = std::string(f.contents());
        r.headers.emplace_back("Cache-Control", "public, max-age=3600");
        return r;
      }
    }
    HttpResponse r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "not found\n";
    return r;
  });
}

}  // namespace petitio::http
