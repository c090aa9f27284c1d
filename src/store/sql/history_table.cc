#include <utility>

#include "store/sql/tables.h"

namespace petitio::sql {

Status InsertTimelineRow(Connection& conn, int64_t petition_id, const TimelineEvent& e) {
  // seq numbers a petition's events 1, 2, 3... in insertion order.
  Result<Query> q = conn.Prepare(
      "INSERT INTO timeline (petition_id, seq, at, kind, detail)"
      " SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4 FROM timeline WHERE petition_id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindInt(2, ToMillis(e.at)).BindText(3, e.kind).BindText(4, e.detail);
  Status run = q->Run();
  if (!run.ok()) return ForeignKeyAsNotFound(conn, std::move(run), petition_id);
  return Status::Ok();
}

Result<std::vector<TimelineEvent>> SelectTimeline(Connection& conn, int64_t petition_id) {
  Result<Query> q =
      conn.Prepare("SELECT at, kind, detail FROM timeline WHERE petition_id = ?1 ORDER BY seq");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  std::vector<TimelineEvent> events;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return events;
    events.push_back(TimelineEvent{FromMillis(q->Int(0)), q->Text(1), q->Text(2)});
  }
}

Status InsertThresholdCrossingRow(Connection& conn, int64_t petition_id,
                                  const ThresholdCrossing& c) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO threshold_crossings (petition_id, idx, count, reached_at)"
      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (petition_id, idx) DO NOTHING");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindInt(2, c.index).BindInt(3, c.count);
  q->BindInt(4, ToMillis(c.reached_at));
  Status run = q->Run();
  if (!run.ok()) return ForeignKeyAsNotFound(conn, std::move(run), petition_id);
  return Status::Ok();
}

Result<std::vector<ThresholdCrossing>> SelectThresholdCrossings(Connection& conn,
                                                                int64_t petition_id) {
  Result<Query> q = conn.Prepare(
      "SELECT idx, count, reached_at FROM threshold_crossings WHERE petition_id = ?1"
      " ORDER BY idx");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  std::vector<ThresholdCrossing> crossings;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return crossings;
    crossings.push_back(
        ThresholdCrossing{static_cast<int>(q->Int(0)), q->Int(1), FromMillis(q->Int(2))});
  }
}

Status InsertExtensionRow(Connection& conn, int64_t petition_id, const DeadlineExtension& e) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO deadline_extensions (petition_id, seq, stage, amount, unit, reason,"
      " recorded_at) SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6"
      " FROM deadline_extensions WHERE petition_id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindText(2, StageName(e.stage)).BindInt(3, e.duration.amount);
  q->BindText(4, DurationUnitName(e.duration.unit)).BindText(5, e.reason);
  q->BindInt(6, ToMillis(e.recorded_at));
  Status run = q->Run();
  if (!run.ok()) return ForeignKeyAsNotFound(conn, std::move(run), petition_id);
  return Status::Ok();
}

Result<std::vector<DeadlineExtension>> SelectExtensions(Connection& conn, int64_t petition_id) {
  Result<Query> q = conn.Prepare(
      "SELECT stage, amount, unit, reason, recorded_at FROM deadline_extensions"
      " WHERE petition_id = ?1 ORDER BY seq");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  std::vector<DeadlineExtension> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    const std::optional<Stage> stage = ParseStage(q->Text(0));
    const std::optional<DurationUnit> unit = ParseDurationUnit(q->Text(2));
    if (!stage || !unit) {
      return Status::Internal("petition " + std::to_string(petition_id) +
                              " has an extension with an unknown stage or unit");
    }
    out.push_back(DeadlineExtension{
        *stage, {static_cast<int>(q->Int(1)), *unit}, q->Text(3), FromMillis(q->Int(4))});
  }
}

Status AddRegionCountRow(Connection& conn, int64_t petition_id, const std::string& region,
                         int64_t delta) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO region_counts (petition_id, region, count) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (petition_id, region) DO UPDATE SET count = region_counts.count + "
      "excluded.count");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindText(2, region).BindInt(3, delta);
  Status run = q->Run();
  if (!run.ok()) return ForeignKeyAsNotFound(conn, std::move(run), petition_id);
  return Status::Ok();
}

Result<std::map<std::string, int64_t>> SelectRegionCounts(Connection& conn, int64_t petition_id) {
  Result<Query> q =
      conn.Prepare("SELECT region, count FROM region_counts WHERE petition_id = ?1 AND count <> 0");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  std::map<std::string, int64_t> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.emplace(q->Text(0), q->Int(1));
  }
}

Result<std::vector<std::pair<TimePoint, int64_t>>> SelectValidationSeries(
    Connection& conn, int64_t petition_id, std::chrono::milliseconds bucket,
    std::chrono::milliseconds offset) {
  // Integer division rounds toward zero; validation times are after 1970, so it floors.
  Result<Query> q = conn.Prepare(
      "SELECT (validated_at + ?2) / ?3 AS b, COUNT(*) FROM signatures"
      " WHERE petition_id = ?1 AND state = 'validated' AND validated_at IS NOT NULL"
      " GROUP BY b ORDER BY b");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindInt(2, offset.count()).BindInt(3, bucket.count());
  std::vector<std::pair<TimePoint, int64_t>> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.emplace_back(FromMillis(q->Int(0) * bucket.count() - offset.count()), q->Int(1));
  }
}

Result<std::vector<CountAudit>> SelectCountAudits(Connection& conn) {
  Result<Query> q = conn.Prepare(
      "SELECT p.id, p.signature_count, p.sponsor_count,"
      " (SELECT COUNT(*) FROM signatures s WHERE s.petition_id = p.id"
      "  AND s.state = 'validated'),"
      " (SELECT COUNT(*) FROM signatures s WHERE s.petition_id = p.id"
      "  AND s.state = 'validated' AND s.role = 'sponsor')"
      " FROM petitions p ORDER BY p.id");
  if (!q.ok()) return q.status();
  std::vector<CountAudit> out;
  std::map<int64_t, size_t> index;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    CountAudit a;
    a.petition_id = q->Int(0);
    a.signature_count = q->Int(1);
    a.sponsor_count = q->Int(2);
    a.validated = q->Int(3);
    a.validated_sponsors = q->Int(4);
    index[a.petition_id] = out.size();
    out.push_back(std::move(a));
  }
  // Stored and recounted counts by region, side by side (a full outer join in two halves).
  Result<Query> r = conn.Prepare(
      "SELECT c.petition_id, c.region, c.count, COALESCE(v.n, 0) FROM region_counts c"
      " LEFT JOIN (SELECT petition_id, region, COUNT(*) AS n FROM signatures"
      "  WHERE state = 'validated' GROUP BY petition_id, region) v"
      " ON v.petition_id = c.petition_id AND v.region = c.region"
      " UNION ALL"
      " SELECT v.petition_id, v.region, 0, v.n FROM (SELECT petition_id, region, COUNT(*) AS n"
      "  FROM signatures WHERE state = 'validated' GROUP BY petition_id, region) v"
      " WHERE NOT EXISTS (SELECT 1 FROM region_counts c"
      "  WHERE c.petition_id = v.petition_id AND c.region = v.region)");
  if (!r.ok()) return r.status();
  for (;;) {
    Result<bool> row = r->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    const int64_t stored = r->Int(2);
    const int64_t recounted = r->Int(3);
    auto it = index.find(r->Int(0));
    if (stored == recounted || it == index.end()) continue;
    out[it->second].regions[r->Text(1)] = {stored, recounted};
  }
}

Status InsertInvalidationRow(Connection& conn, int64_t petition_id, const Invalidation& inv) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO invalidations (petition_id, seq, at, matched_by, detail, count, reason)"
      " SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6 FROM invalidations"
      " WHERE petition_id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindInt(2, ToMillis(inv.at)).BindText(3, inv.matched_by);
  q->BindText(4, inv.detail).BindInt(5, inv.count).BindText(6, inv.reason);
  Status run = q->Run();
  if (!run.ok()) return ForeignKeyAsNotFound(conn, std::move(run), petition_id);
  return Status::Ok();
}

Result<std::vector<Invalidation>> SelectInvalidations(Connection& conn, int64_t petition_id) {
  Result<Query> q = conn.Prepare(
      "SELECT at, matched_by, detail, count, reason FROM invalidations WHERE petition_id = ?1"
      " ORDER BY seq");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  std::vector<Invalidation> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(
        Invalidation{FromMillis(q->Int(0)), q->Text(1), q->Text(2), q->Int(3), q->Text(4)});
  }
}

}  // namespace petitio::sql
