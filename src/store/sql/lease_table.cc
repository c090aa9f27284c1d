// job_leases: which server does a piece of background work, and until when.
#include "store/sql/tables.h"

namespace petitio::sql {

Result<bool> ClaimLeaseRow(Connection& conn, const std::string& job, const std::string& holder,
                           TimePoint now, TimePoint until) {
  Result<Query> claim = conn.Prepare(
      "INSERT INTO job_leases (job, holder, expires_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
      " WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= ?4");
  if (!claim.ok()) return claim.status();
  claim->BindText(1, job).BindText(2, holder).BindInt(3, ToMillis(until)).BindInt(4, ToMillis(now));
  PETITIO_RETURN_IF_ERROR(claim->Run());
  Result<Query> q = conn.Prepare("SELECT holder FROM job_leases WHERE job = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, job);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row && q->Text(0) == holder;
}

}  // namespace petitio::sql
