// The transparency log's tables: leaves, perfect-subtree hashes, and the size on the petition.
#include "store/sql/tables.h"

namespace petitio::sql {

namespace {

MerkleHash ToHash(const std::string& bytes) {
  MerkleHash h{};
  for (size_t i = 0; i < h.size() && i < bytes.size(); ++i) h[i] = static_cast<uint8_t>(bytes[i]);
  return h;
}

std::string_view Bytes(const MerkleHash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

}  // namespace

Result<uint64_t> SelectLogSize(Connection& conn, int64_t petition_id) {
  Result<Query> q = conn.Prepare("SELECT log_size FROM petitions WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no petition " + std::to_string(petition_id));
  return static_cast<uint64_t>(q->Int(0));
}

Result<MerkleHash> SelectLogNode(Connection& conn, int64_t petition_id, int level, uint64_t index) {
  Result<Query> q =
      conn.Prepare("SELECT hash FROM log_nodes WHERE petition_id = ?1 AND level = ?2 AND idx = ?3");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindInt(2, level).BindInt(3, static_cast<int64_t>(index));
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::Internal("petition " + std::to_string(petition_id) + " log lacks node " +
                            std::to_string(level) + "/" + std::to_string(index));
  }
  return ToHash(q->Blob(0));
}

Status InsertLogRows(Connection& conn, int64_t petition_id, uint64_t index, const std::string& leaf,
                     const std::vector<MerkleNode>& nodes) {
  Result<Query> insert_leaf =
      conn.Prepare("INSERT INTO log_entries (petition_id, idx, leaf) VALUES (?1, ?2, ?3)");
  if (!insert_leaf.ok()) return insert_leaf.status();
  insert_leaf->BindInt(1, petition_id).BindInt(2, static_cast<int64_t>(index)).BindBlob(3, leaf);
  PETITIO_RETURN_IF_ERROR(insert_leaf->Run());
  for (const MerkleNode& n : nodes) {
    Result<Query> q = conn.Prepare(
        "INSERT INTO log_nodes (petition_id, level, idx, hash) VALUES (?1, ?2, ?3, ?4)");
    if (!q.ok()) return q.status();
    q->BindInt(1, petition_id).BindInt(2, n.level).BindInt(3, static_cast<int64_t>(n.index));
    q->BindBlob(4, Bytes(n.hash));
    PETITIO_RETURN_IF_ERROR(q->Run());
  }
  return Status::Ok();
}

Status UpdateLogSizeRow(Connection& conn, int64_t petition_id, uint64_t size) {
  Result<Query> q = conn.Prepare("UPDATE petitions SET log_size = ?1 WHERE id = ?2");
  if (!q.ok()) return q.status();
  q->BindInt(1, static_cast<int64_t>(size)).BindInt(2, petition_id);
  PETITIO_RETURN_IF_ERROR(q->Run());
  if (conn.Changes() == 0) return Status::NotFound("no petition " + std::to_string(petition_id));
  return Status::Ok();
}

Result<std::vector<std::string>> SelectLogEntries(Connection& conn, int64_t petition_id,
                                                  uint64_t start, uint64_t end) {
  Result<Query> q = conn.Prepare(
      "SELECT leaf FROM log_entries WHERE petition_id = ?1 AND idx >= ?2 AND idx <= ?3"
      " ORDER BY idx");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindInt(2, static_cast<int64_t>(start));
  q->BindInt(3, static_cast<int64_t>(end));
  std::vector<std::string> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(q->Blob(0));
  }
}

}  // namespace petitio::sql
