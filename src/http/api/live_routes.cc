#include "http/api/live_routes.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>

#include "app/queries.h"
#include "http/errors.h"

namespace petitio::http {

namespace {

constexpr std::chrono::milliseconds kFastest{250};
constexpr std::chrono::milliseconds kSlowest{15000};

// The open streams of one site, counted so that each knows the cadence for all of them.
using Audience = std::atomic<int64_t>;

class CountEvents final : public EventStream {
 public:
  CountEvents(const AppContext& ctx, std::shared_ptr<Audience> audience, int64_t id, int64_t count)
      : ctx_(ctx), audience_(std::move(audience)), id_(id), count_(count) {
    poll = LiveCountCadence(audience_->fetch_add(1) + 1);
  }
  ~CountEvents() override { audience_->fetch_sub(1); }
  CountEvents(const CountEvents&) = delete;
  CountEvents& operator=(const CountEvents&) = delete;

  std::string Next() override {
    poll = LiveCountCadence(audience_->load(std::memory_order_relaxed));
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
  const std::shared_ptr<Audience> audience_;
  const int64_t id_;
  int64_t count_;
  bool first_ = true;
};

}  // namespace

std::chrono::milliseconds LiveCountCadence(int64_t watchers) {
  const int64_t ms = std::max<int64_t>(watchers, 0) * 1000 / kLiveCountEventsPerSecond;
  return std::clamp(std::chrono::milliseconds(ms), kFastest, kSlowest);
}

void AddLiveRoutes(Router& router, const AppContext& ctx) {
  const AppContext* c = &ctx;
  auto audience = std::make_shared<Audience>(0);
  router.Add("GET", "/api/v1/petitions/{id}/events",
             WithPetitionId(
                 [c, audience](const HttpRequest&, int64_t id) {
                   Result<int64_t> count = PublicSignatureCount(*c, id);
                   if (!count.ok()) return JsonError(count.status());
                   HttpResponse r;
                   r.content_type = "text/event-stream; charset=utf-8";
                   r.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: pass it on
                   r.events = std::make_shared<CountEvents>(*c, audience, id, *count);
                   return r;
                 },
                 [] { return JsonError(404, "petition_not_found", "no such petition"); }));
}

}  // namespace petitio::http
