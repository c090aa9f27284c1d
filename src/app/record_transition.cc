#include "app/record_transition.h"

#include "app/notifications.h"

namespace petitio {

namespace {

// The subject of the mail an event sends to the petition's subscribers; empty: none is sent.
std::string NoticePhrase(const std::string& kind) {
  if (kind == "published") return "The petition is published";
  if (kind == "threshold_reached") return "A threshold is reached";
  return "";
}

}  // namespace

bool Notifies(const Transition& tr) {
  for (const TimelineEvent& e : tr.events) {
    if (!NoticePhrase(e.kind).empty()) return true;
  }
  return false;
}

Status RecordTransition(StoreTx& tx, int64_t petition_id, const Transition& tr) {
  size_t crossing = 0;  // the n-th threshold_reached event is the n-th crossing
  for (const TimelineEvent& e : tr.events) {
    PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(petition_id, e));
    const std::string phrase = NoticePhrase(e.kind);
    if (phrase.empty()) continue;
    std::vector<std::pair<std::string, std::string>> args;
    if (e.kind == "threshold_reached" && crossing < tr.crossings.size()) {
      args.emplace_back("count", std::to_string(tr.crossings[crossing++].count));
    }
    PETITIO_RETURN_IF_ERROR(QueueNotification(
        tx, petition_id, e.kind, phrase, phrase + ": " + e.detail + ".", e.at, std::move(args)));
  }
  for (const ThresholdCrossing& c : tr.crossings) {
    PETITIO_RETURN_IF_ERROR(tx.RecordThresholdCrossing(petition_id, c));
  }
  return Status::Ok();
}

}  // namespace petitio
