#include "http/api/petition_json.h"

#include <boost/json.hpp>

#include "http/api/consideration_json.h"

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
  o["addressee_level"] =
      p.addressee_level.empty() ? json::value(nullptr) : json::value(p.addressee_level);
  o["addressee_region"] =
      p.addressee_region.empty() ? json::value(nullptr) : json::value(p.addressee_region);
  o["language"] = p.language.empty() ? json::value(nullptr) : json::value(p.language);
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

json::object DurationJson(const Duration& d) {
  return json::object{{"amount", d.amount}, {"unit", DurationUnitName(d.unit)}};
}

json::object ClockJson(const StageClock& c) {
  json::object o = DurationJson(c.duration);
  o["source"] = c.source;
  if (c.extension) {
    json::object e = DurationJson(*c.extension);
    e["source"] = c.extension_source;
    o["extension"] = std::move(e);
  } else {
    o["extension"] = nullptr;
  }
  return o;
}

json::object ClocksJson(const std::map<Stage, StageClock>& clocks) {
  json::object o;
  for (const auto& [stage, clock] : clocks) o[StageName(stage)] = ClockJson(clock);
  return o;
}

json::object ThresholdJson(const Threshold& t) {
  json::object o;
  o["count"] = t.count;
  if (t.percent > 0) o["percent"] = t.percent;
  o["registers"] = t.registers;
  if (t.min_regions > 0) o["min_regions"] = t.min_regions;
  o["effect"] = t.effect;
  o["description"] = t.description.Get("en");
  o["source"] = t.source;
  return o;
}

json::object DeadlineJson(const StageDeadline& d) {
  json::object j;
  j["stage"] = StageName(d.stage);
  j["starts_at"] = FormatRfc3339(d.starts_at);
  j["amount"] = d.duration.amount;
  j["unit"] = DurationUnitName(d.duration.unit);
  j["due"] = d.due ? json::value(FormatDate(*d.due)) : json::value(nullptr);
  if (!d.due) j["due_error"] = d.due_error;
  j["basis"] = d.basis;
  j["overdue"] = d.overdue;
  j["completed_at"] = Time(d.completed_at);
  j["days_left"] = d.days_left ? json::value(*d.days_left) : json::value(nullptr);
  j["days_left_unit"] = d.days_left_working ? "working_days" : "calendar_days";
  json::array extensions;
  for (const DeadlineExtension& e : d.extensions) {
    json::object x = DurationJson(e.duration);
    x["reason"] = e.reason;
    x["recorded_at"] = FormatRfc3339(e.recorded_at);
    extensions.push_back(std::move(x));
  }
  j["extensions"] = std::move(extensions);
  return j;
}

}  // namespace

std::string TrendingJson(const Trending& t, int window_minutes) {
  auto list = [](const std::vector<TrendingSource>& sources) {
    json::array a;
    for (const TrendingSource& s : sources) {
      a.push_back(json::object{{"key", s.key}, {"signatures", s.signatures}});
    }
    return a;
  };
  return json::serialize(json::object{{"window_minutes", window_minutes},
                                      {"ips", list(t.ips)},
                                      {"subnets", list(t.subnets)},
                                      {"domains", list(t.domains)}});
}

std::string PetitionJson(const PetitionView& view, const std::string& public_url) {
  const Petition& p = view.petition;
  json::object o = Summary(p, public_url);
  o["text"] = p.text;
  o["initiator"] = json::object{{"name", PublicNameOf(view.profile->identity, p.initiator_name)}};
  o["sponsor_count"] = p.sponsor_count;
  o["sponsors_required"] = view.profile->sponsors_required;
  o["closed_at"] = Time(p.closed_at);
  o["registered_at"] = Time(p.registered_at);
  o["moderation"] = Moderation(p, *view.profile);
  json::array thresholds;
  for (const ThresholdView& t : view.thresholds) {
    json::object j;
    j["count"] = t.threshold.count;
    j["effect"] = t.threshold.effect;
    j["description"] = t.threshold.description.Get("en");
    if (t.threshold.percent > 0) j["percent"] = t.threshold.percent;
    j["registers"] = t.threshold.registers;
    j["reached_at"] = Time(t.reached_at);
    thresholds.push_back(std::move(j));
  }
  o["thresholds"] = std::move(thresholds);
  // Counts by region in the profile's order (as e-petitions gives them by region), and those
  // that named none.
  json::array by_region;
  for (const Region& r : view.profile->regions) {
    auto it = view.signatures_by_region.find(r.code);
    if (it == view.signatures_by_region.end()) continue;
    by_region.push_back(json::object{
        {"code", r.code}, {"name", r.name.Get("en")}, {"signature_count", it->second}});
  }
  o["signatures_by_region"] = std::move(by_region);
  json::array invalidations;
  for (const Invalidation& inv : view.invalidations) {
    invalidations.push_back(json::object{{"at", FormatRfc3339(inv.at)},
                                         {"matched_by", inv.matched_by},
                                         {"detail", inv.detail},
                                         {"count", inv.count},
                                         {"reason", inv.reason}});
  }
  o["invalidations"] = std::move(invalidations);
  o["log"] = json::object{{"tree_size", view.log_size},
                          {"root_hash", ToHex(view.log_root)},
                          {"sth", "/api/v1/petitions/" + std::to_string(p.id) + "/log/sth"}};
  auto none = view.signatures_by_region.find("");
  o["signatures_without_region"] = none == view.signatures_by_region.end() ? 0 : none->second;
  json::array deadlines;
  for (const StageDeadline& d : view.deadlines) deadlines.push_back(DeadlineJson(d));
  o["deadlines"] = std::move(deadlines);
  json::array timeline;
  for (const TimelineItem& item : view.items) {
    json::object e{{"date", FormatDate(item.date)},
                   {"at", FormatRfc3339(item.at)},
                   {"kind", item.kind},
                   {"detail", item.detail},
                   {"by", item.record ? "authority" : "server"}};
    if (item.record) e["record_id"] = item.record->id;
    e["deadline"] = item.deadline ? json::value(StageName(item.deadline->stage)) : nullptr;
    e["in_time"] = item.in_time ? json::value(*item.in_time) : nullptr;
    if (item.scheduled) e["scheduled"] = true;
    timeline.push_back(std::move(e));
  }
  o["timeline"] = std::move(timeline);
  json::array records;
  for (const ConsiderationRecord& r : view.records) records.push_back(RecordJson(r));
  json::object consideration{
      {"authority", p.authority.empty() ? json::value(nullptr) : json::value(p.authority)},
      {"registration_number",
       p.registration_number.empty() ? json::value(nullptr) : json::value(p.registration_number)},
      {"records", std::move(records)}};
  consideration["decision"] = nullptr;
  for (const ConsiderationRecord& r : view.records) {
    if (r.kind == RecordKind::kDecision) consideration["decision"] = RecordJson(r);
  }
  o["consideration"] = std::move(consideration);
  json::array statements;
  for (const Statement& st : view.statements) statements.push_back(StatementJson(st));
  o["statements"] = std::move(statements);
  return json::serialize(o);
}

std::string PetitionListJson(const std::vector<Petition>& petitions,
                             const std::string& public_url) {
  json::array list;
  for (const Petition& p : petitions) list.push_back(Summary(p, public_url));
  return json::serialize(json::object{{"petitions", std::move(list)}});
}

std::string ModerationQueueJson(const std::vector<QueueItem>& items,
                                const std::string& public_url) {
  json::array list;
  for (const QueueItem& q : items) {
    json::object o = Summary(q.petition, public_url);
    o["moderation_deadline"] = q.deadline ? json::value(DeadlineJson(*q.deadline)) : nullptr;
    if (q.lock) {
      o["lock"] = json::object{{"account_id", q.lock->account_id},
                               {"locked_by", q.locked_by},
                               {"expires_at", FormatRfc3339(q.lock->expires_at)}};
    } else {
      o["lock"] = nullptr;
    }
    list.push_back(std::move(o));
  }
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
    json::array stages;
    for (Stage st : p->stages) stages.push_back(json::string(StageName(st)));
    o["stages"] = std::move(stages);
    o["calendar"] = p->calendar_id.empty() ? json::value(nullptr) : json::value(p->calendar_id);
    o["count_from"] = CountFromName(p->count_from);
    o["utc_offset_minutes"] = p->utc_offset_minutes;
    json::object identity{{"proof", IdentityProofName(p->identity.proof)}};
    if (p->identity.proof == IdentityProof::kNationalId) {
      identity["national_id"] = p->identity.national_id;
      identity["min_age"] = p->identity.min_age;
      identity["source"] = p->identity.source;
    }
    o["identity"] = std::move(identity);
    o["clocks"] = ClocksJson(p->clocks);
    o["collection"] = DurationJson(p->Collection().duration);
    json::array thresholds;
    for (const Threshold& t : p->thresholds) thresholds.push_back(ThresholdJson(t));
    o["thresholds"] = std::move(thresholds);
    json::array addressees;
    for (const Addressee& a : p->addressees) {
      json::array levels;
      for (const Threshold& t : a.thresholds) levels.push_back(ThresholdJson(t));
      addressees.push_back(json::object{{"code", a.code},
                                        {"name", a.name.Get("en")},
                                        {"names", Localized(a.name)},
                                        {"regional", a.regional},
                                        {"thresholds", std::move(levels)},
                                        {"clocks", ClocksJson(a.clocks)}});
    }
    o["addressees"] = std::move(addressees);
    json::array regions;
    for (const Region& r : p->regions) {
      json::object region{
          {"code", r.code}, {"name", r.name.Get("en")}, {"names", Localized(r.name)}};
      if (r.population) {
        region["population"] = *r.population;
        region["population_source"] = r.population_source;
      }
      if (r.minimum) {
        region["minimum"] = *r.minimum;
        region["minimum_source"] = r.minimum_source;
      }
      regions.push_back(std::move(region));
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
