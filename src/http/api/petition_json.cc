#include "http/api/petition_json.h"

#include <boost/json.hpp>

namespace petitio::http {

namespace json = boost::json;

namespace {

json::value Time(const std::optional<TimePoint>& t) {
  if (!t) return nullptr;
  return json::string(FormatRfc3339(*t));
}

json::object Localized(const LocalizedText& t) {
  json::object o;
  for (const auto& [lang, text] : t.by_language) o[lang] = text;
  return o;
}

json::object Summary(const Petition& p, const std::string& public_url) {
  json::object o;
  o["id"] = p.id;
  o["profile"] = p.profile_id;
  o["title"] = p.title;
  o["addressee"] = p.addressee;
  o["state"] = PetitionStateName(p.state);
  o["signature_count"] = p.signature_count;
  o["created_at"] = FormatRfc3339(p.created_at);
  o["opened_at"] = Time(p.opened_at);
  o["closes_at"] = Time(p.closes_at);
  o["url"] = public_url + "/petitions/" + std::to_string(p.id);
  return o;
}

json::value Moderation(const Petition& p, const Profile& profile) {
  if (!p.moderation) return nullptr;
  json::object o;
  o["decision"] = p.moderation->decision;
  o["decided_at"] = FormatRfc3339(p.moderation->decided_at);
  if (p.moderation->decision == "reject") {
    json::object g;
    g["code"] = p.moderation->ground_code;
    if (const ModerationGround* ground = profile.FindGround(p.moderation->ground_code)) {
      g["title"] = ground->title.Get("en");
      g["titles"] = Localized(ground->title);
      g["citation"] = ground->citation;
    }
    o["ground"] = std::move(g);
    o["reason"] = p.moderation->reason;
  }
  return o;
}

}  // namespace

std::string PetitionJson(const PetitionView& view, const std::string& public_url) {
  const Petition& p = view.petition;
  json::object o = Summary(p, public_url);
  o["text"] = p.text;
  o["initiator"] = json::object{{"name", p.initiator_name}};
  o["sponsor_count"] = p.sponsor_count;
  o["sponsors_required"] = view.profile->sponsors_required;
  o["closed_at"] = Time(p.closed_at);
  o["moderation"] = Moderation(p, *view.profile);
  json::array thresholds;
  for (const ThresholdView& t : view.thresholds) {
    json::object j;
    j["count"] = t.threshold.count;
    j["effect"] = t.threshold.effect;
    j["description"] = t.threshold.description.Get("en");
    j["reached_at"] = Time(t.reached_at);
    thresholds.push_back(std::move(j));
  }
  o["thresholds"] = std::move(thresholds);
  json::array deadlines;
  for (const DeadlineView& d : view.deadlines) {
    json::object j;
    j["stage"] = d.stage;
    j["starts_at"] = FormatRfc3339(d.starts_at);
    j["amount"] = d.amount;
    j["unit"] = d.unit;
    j["due"] = FormatRfc3339(d.due);
    j["overdue"] = d.overdue;
    deadlines.push_back(std::move(j));
  }
  o["deadlines"] = std::move(deadlines);
  json::array timeline;
  for (const TimelineEvent& e : view.timeline) {
    timeline.push_back(
        json::object{{"at", FormatRfc3339(e.at)}, {"kind", e.kind}, {"detail", e.detail}});
  }
  o["timeline"] = std::move(timeline);
  return json::serialize(o);
}

std::string PetitionListJson(const std::vector<Petition>& petitions,
                             const std::string& public_url) {
  json::array list;
  for (const Petition& p : petitions) list.push_back(Summary(p, public_url));
  return json::serialize(json::object{{"petitions", std::move(list)}});
}

std::string ProfilesJson(const std::vector<const Profile*>& profiles) {
  json::array list;
  for (const Profile* p : profiles) {
    json::object o;
    o["id"] = p->id;
    o["name"] = p->name.Get("en");
    o["names"] = Localized(p->name);
    o["languages"] = json::value_from(p->languages);
    o["sponsors_required"] = p->sponsors_required;
    json::array thresholds;
    for (const Threshold& t : p->thresholds) {
      thresholds.push_back(json::object{{"count", t.count},
                                        {"effect", t.effect},
                                        {"description", t.description.Get("en")},
                                        {"source", t.source}});
    }
    o["thresholds"] = std::move(thresholds);
    o["collection"] = json::object{{"amount", p->collection.amount},
                                   {"unit", PeriodUnitName(p->collection.unit)}};
    json::array regions;
    for (const Region& r : p->regions) {
      regions.push_back(
          json::object{{"code", r.code}, {"name", r.name.Get("en")}, {"names", Localized(r.name)}});
    }
    o["regions"] = std::move(regions);
    json::array grounds;
    for (const ModerationGround& g : p->grounds) {
      grounds.push_back(json::object{{"code", g.code},
                                     {"title", g.title.Get("en")},
                                     {"titles", Localized(g.title)},
                                     {"citation", g.citation},
                                     {"hides", g.hides}});
    }
    o["grounds"] = std::move(grounds);
    o["source"] = p->source;
    list.push_back(std::move(o));
  }
  return json::serialize(json::object{{"profiles", std::move(list)}});
}

}  // namespace petitio::http
