// BatchPetitions: the petitions a batch of write units signs, kept in memory for the batch, with
// their counters written once, just before the batch commits.
//
// In a surge thousands of units a second sign one petition. Each reads the petition, raises its
// signature (and sponsor) count, appends to its log and raises a region's count. Done in SQL per
// unit, that is a read and three writes of the same hot rows per signature; here the row is read
// once per batch, the log's size and its newest subtree hashes stay in memory, and the counts,
// the log's size and the region counts are written once per batch by Flush.
//
// What it promises:
// - Everything read through the batch's StoreTx (GetPetition, GetRegionCounts, the log's next
//   index) includes the counters of the units before, as if they had been written.
// - Units change it between BeginUnit and EndUnit. EndUnit(false), for a unit rolled back to its
//   savepoint, restores what that unit changed here, as ROLLBACK TO does for its rows.
// - Flush writes every counter that differs from its row and leaves nothing pending; the writer
//   runs it inside the transaction just before COMMIT. Clear forgets everything (a batch that
//   ends without committing, or after it committed).
// - It holds only petitions that exist in the transaction: a petition it was asked for and that
//   is not there is not kept, so writes naming it still fail as the SQL would (kNotFound).
// Single-threaded: the writer's thread alone uses it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/merkle.h"
#include "domain/merkle_nodes.h"
#include "domain/petition.h"
#include "domain/result.h"
#include "store/sql/connection.h"

namespace petitio::sql {

class BatchPetitions {
 public:
  // The petition with the batch's counts: read through `conn` the first time, then from memory.
  Result<Petition> Get(Connection& conn, int64_t id);
  // `p` was written whole to its row (its counts with it): remembered as it is now.
  void Wrote(const Petition& p);
  // Sets the signature and sponsor counts of petition `p.id`, written at Flush. False when the
  // batch does not hold that petition (the caller writes the counts itself).
  bool SetCounts(const Petition& p);

  // Adds `delta` to a region's count of a petition the batch holds; false when it holds none.
  bool AddToRegion(int64_t id, const std::string& region, int64_t delta);
  // `stored` (a petition's region counts as read through the batch's connection) with the
  // batch's changes added, regions at 0 left out.
  std::map<std::string, int64_t> WithRegionChanges(int64_t id,
                                                   std::map<std::string, int64_t> stored) const;

  // The size of a petition's log; the first time, read through `conn` with the petition
  // (kNotFound: no such petition).
  Result<uint64_t> LogSize(Connection& conn, int64_t id);
  // The stored subtree hash (level, index) of a petition's log, from memory when the batch
  // appended or read it.
  Result<MerkleHash> LogNode(Connection& conn, int64_t id, int level, uint64_t index);
  // A leaf was appended (its rows written) with `nodes`: the log grows by one, its size written
  // at Flush. LogSize must have been asked first.
  void Appended(int64_t id, const std::vector<MerkleNode>& nodes);

  void BeginUnit();
  // Ends the unit: `kept` drops its undo journal; otherwise restores what it changed here.
  void EndUnit(bool kept);
  // Writes the pending counters through `conn`, inside the batch's transaction.
  Status Flush(Connection& conn);
  void Clear();

 private:
  using NodeKey = std::pair<int, uint64_t>;  // (level, index)
  struct Entry {
    Petition row;  // as stored, with the batch's counts
    bool counts_dirty = false;
    std::optional<uint64_t> log_size;
    bool log_dirty = false;
    std::map<std::string, int64_t> region_changes;
    std::map<NodeKey, MerkleHash> nodes;
  };
  // What a unit changed of an entry that existed before it: the counters as they were.
  struct Undo {
    bool created = false;         // the unit added the entry: removed whole
    std::optional<Petition> row;  // when the unit replaced the row: the row before
    int64_t signature_count = 0;
    int64_t sponsor_count = 0;
    bool counts_dirty = false;
    std::optional<uint64_t> log_size;
    bool log_dirty = false;
  };

  // The entry of `id`, noting it in the unit's journal the first time the unit touches it.
  Entry& Touch(int64_t id);

  std::unordered_map<int64_t, Entry> entries_;
  bool in_unit_ = false;
  std::unordered_map<int64_t, Undo> undo_;
  std::vector<std::tuple<int64_t, std::string, int64_t>> region_journal_;
};

}  // namespace petitio::sql
