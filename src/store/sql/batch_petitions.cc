#include "store/sql/batch_petitions.h"

#include "store/sql/tables.h"

namespace petitio::sql {

Result<Petition> BatchPetitions::Get(Connection& conn, int64_t id) {
  if (auto it = entries_.find(id); it != entries_.end()) return it->second.row;
  Result<Petition> row = SelectPetition(conn, id);
  if (!row.ok()) return row.status();
  Touch(id).row = *row;
  return row;
}

void BatchPetitions::Wrote(const Petition& p) {
  if (!entries_.contains(p.id)) return;
  Entry& e = Touch(p.id);
  if (in_unit_) {
    Undo& undo = undo_.at(p.id);
    if (!undo.created && !undo.row) undo.row = e.row;  // its counts are restored from the undo
  }
  e.row = p;
  e.counts_dirty = false;  // the row was written with them
}

bool BatchPetitions::SetCounts(const Petition& p) {
  if (!entries_.contains(p.id)) return false;
  Entry& e = Touch(p.id);
  e.row.signature_count = p.signature_count;
  e.row.sponsor_count = p.sponsor_count;
  e.counts_dirty = true;
  return true;
}

bool BatchPetitions::AddToRegion(int64_t id, const std::string& region, int64_t delta) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return false;
  it->second.region_changes[region] += delta;
  if (in_unit_) region_journal_.emplace_back(id, region, delta);
  return true;
}

std::map<std::string, int64_t> BatchPetitions::WithRegionChanges(
    int64_t id, std::map<std::string, int64_t> stored) const {
  auto it = entries_.find(id);
  if (it == entries_.end()) return stored;
  for (const auto& [region, delta] : it->second.region_changes) {
    if ((stored[region] += delta) == 0) stored.erase(region);
  }
  return stored;
}

Result<uint64_t> BatchPetitions::LogSize(Connection& conn, int64_t id) {
  if (!entries_.contains(id)) {
    Result<Petition> p = Get(conn, id);
    if (!p.ok()) return p.status();
  }
  Entry& e = entries_.at(id);
  if (!e.log_size) {
    Result<uint64_t> size = SelectLogSize(conn, id);
    if (!size.ok()) return size.status();
    // As stored: the log's size is written only by Flush, so no unit's rollback changes it.
    e.log_size = *size;
  }
  return *e.log_size;
}

Result<MerkleHash> BatchPetitions::LogNode(Connection& conn, int64_t id, int level,
                                           uint64_t index) {
  auto it = entries_.find(id);
  if (it != entries_.end()) {
    if (auto node = it->second.nodes.find({level, index}); node != it->second.nodes.end()) {
      return node->second;
    }
  }
  Result<MerkleHash> hash = SelectLogNode(conn, id, level, index);
  // A stored node is a committed one or an earlier unit's: it stays true whatever this unit does.
  if (hash.ok() && it != entries_.end()) it->second.nodes.emplace(NodeKey{level, index}, *hash);
  return hash;
}

void BatchPetitions::Appended(int64_t id, const std::vector<MerkleNode>& nodes) {
  Entry& e = Touch(id);
  ++*e.log_size;
  e.log_dirty = true;
  // Not journaled: a rolled-back unit's nodes cover leaves at or past the log's size, which no
  // append reads (NodesForAppend reads whole subtrees below the size) before the next append at
  // the same place writes the same nodes again.
  for (const MerkleNode& n : nodes) e.nodes[{n.level, n.index}] = n.hash;
}

BatchPetitions::Entry& BatchPetitions::Touch(int64_t id) {
  auto [it, inserted] = entries_.try_emplace(id);
  if (in_unit_ && !undo_.contains(id)) {
    Undo& undo = undo_[id];
    undo.created = inserted;
    undo.signature_count = it->second.row.signature_count;
    undo.sponsor_count = it->second.row.sponsor_count;
    undo.counts_dirty = it->second.counts_dirty;
    undo.log_size = it->second.log_size;
    undo.log_dirty = it->second.log_dirty;
  }
  return it->second;
}

void BatchPetitions::BeginUnit() {
  in_unit_ = true;
  undo_.clear();
  region_journal_.clear();
}

void BatchPetitions::EndUnit(bool kept) {
  in_unit_ = false;
  if (!kept) {
    for (const auto& [id, region, delta] : region_journal_) {
      auto it = entries_.find(id);
      if (it != entries_.end() && (it->second.region_changes[region] -= delta) == 0) {
        it->second.region_changes.erase(region);
      }
    }
    for (auto& [id, undo] : undo_) {
      if (undo.created) {
        entries_.erase(id);
        continue;
      }
      Entry& e = entries_.at(id);
      if (undo.row) e.row = std::move(*undo.row);
      e.row.signature_count = undo.signature_count;
      e.row.sponsor_count = undo.sponsor_count;
      e.counts_dirty = undo.counts_dirty;
      e.log_size = undo.log_size;
      e.log_dirty = undo.log_dirty;
    }
  }
  undo_.clear();
  region_journal_.clear();
}

Status BatchPetitions::Flush(Connection& conn) {
  for (auto& [id, e] : entries_) {
    if (e.counts_dirty) PETITIO_RETURN_IF_ERROR(UpdatePetitionCountsRow(conn, e.row));
    if (e.log_dirty) PETITIO_RETURN_IF_ERROR(UpdateLogSizeRow(conn, id, *e.log_size));
    for (const auto& [region, delta] : e.region_changes) {
      if (delta != 0) PETITIO_RETURN_IF_ERROR(AddRegionCountRow(conn, id, region, delta));
    }
    e.counts_dirty = false;
    e.log_dirty = false;
    e.region_changes.clear();
  }
  return Status::Ok();
}

void BatchPetitions::Clear() {
  entries_.clear();
  in_unit_ = false;
  undo_.clear();
  region_journal_.clear();
}

}  // namespace petitio::sql
