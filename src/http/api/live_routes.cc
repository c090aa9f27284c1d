#include "http/api/live_routes.h"

#include "app/queries.h"
#include "http/errors.h"

namespace petitio::http {

namespace {

class CountEvents final : public EventStream {
 public:
  CountEvents(const AppContext& ctx, int64_t id, int64_t count)
      : ctx_(ctx), id_(id), count_(count) {
    poll = std::chrono::milliseconds(250);
  }
  std::string Next() override {
    std::string out;
    if (first_) {
      first_ = false;
      out = "retry: 2000\n";  // a browser that loses the stream comes back after 2 s
    } else {
      const std::optional<int64_t> now = ctx_.store.CachedCount(id_);
      if (!now || *now == count_) return "";
      count_ = *now;
    }
    return out + "event: count\ndata: {\"signature_count\":" + std::to_string(count_) + "}\n\n";
  }

 private:
  const AppContext& ctx_;
  const int64_t id_;
  int64_t count_;
  bool first_ = true;
};

}  // namespace

void AddLiveRoutes(Router& router, const AppContext& ctx) {
  const AppContext* c = &ctx;
  router.Add("GET", "/api/v1/petitions/{id}/events",
             WithPetitionId(
                 [c](const HttpRequest&, int64_t id) {
                   Result<int64_t> count = PublicSignatureCount(*c, id);
                   if (!count.ok()) return JsonError(count.status());
                   HttpResponse r;
                   r.content_type = "text/event-stream; charset=utf-8";
                   r.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: pass it on
                   r.events = std::make_shared<CountEvents>(*c, id, *count);
                   return r;
                 },
                 [] { return JsonError(404, "petition_not_found", "no such petition"); }));
}

}  // namespace petitio::http
