#include "store/sql/sql_store.h"

#include "store/sql/archive.h"
#include "store/sql/store_tx.h"

namespace petitio::sql {

Status SqlStore::Export(std::ostream& out) {
  auto lease = readers_.Acquire();
  Connection& conn = lease.conn();
  PETITIO_RETURN_IF_ERROR(conn.ExecScript(hooks_.snapshot_begin));
  Status written = WriteArchive(conn, out);
  Status ended = conn.ExecScript(written.ok() ? "COMMIT" : "ROLLBACK");
  return written.ok() ? ended : written;
}

Result<ImportSummary> SqlStore::Import(std::istream& in) {
  ImportSummary summary;
  PETITIO_RETURN_IF_ERROR(Write([&](StoreTx& tx) -> Status {
    auto* sql_tx = dynamic_cast<SqlStoreTx*>(&tx);
    if (sql_tx == nullptr) return Status::Internal("import outside the SQL writer");
    Result<ImportSummary> read = ReadArchive(sql_tx->connection(), in, sql_tx->count_changes());
    if (!read.ok()) return read.status();
    summary = *read;
    if (hooks_.after_import) return hooks_.after_import(sql_tx->connection());
    return Status::Ok();
  }));
  return summary;
}

}  // namespace petitio::sql
