#include "store/sql/archive.h"

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/tree_head.h"
#include "store/sql/tables.h"

namespace petitio::sql {

namespace {

constexpr int kVersion = 1;

enum class Type { kInt, kText, kBytes };

struct Column {
  const char* name;
  Type type;
};

struct Table {
  const char* name;
  const char* order;  // the key the rows are written in
  std::vector<Column> columns;
};

constexpr Type I = Type::kInt;
constexpr Type T = Type::kText;
constexpr Type B = Type::kBytes;

// Parents before children, so that importing in this order meets every foreign key.
const std::vector<Table>& Tables() {
  static const std::vector<Table> kTables = {
      {"accounts",
       "id",
       {{"id", I},
        {"email", T},
        {"name", T},
        {"role", T},
        {"authority", T},
        {"organisation", T},
        {"password_hash", T},
        {"created_at", I},
        {"disabled", I}}},
      {"api_tokens",
       "token_hash",
       {{"token_hash", T}, {"account_id", I}, {"label", T}, {"created_at", I}}},
      {"petitions",
       "id",
       {{"id", I},
        {"profile_id", T},
        {"title", T},
        {"text", T},
        {"addressee", T},
        {"initiator_name", T},
        {"initiator_email", T},
        {"sponsor_token", T},
        {"state", T},
        {"signature_count", I},
        {"sponsor_count", I},
        {"created_at", I},
        {"opened_at", I},
        {"closes_at", I},
        {"closed_at", I},
        {"moderation_decision", T},
        {"moderation_ground_code", T},
        {"moderation_reason", T},
        {"moderation_decided_at", I},
        {"addressee_level", T},
        {"addressee_region", T},
        {"moderation_started_at", I},
        {"sponsors_started_at", I},
        {"registered_at", I},
        {"contact_erased_at", I},
        {"log_size", I},
        {"authority", T},
        {"registration_number", T},
        {"decided_at", I},
        {"decision", T},
        {"language", T}}},
      {"signatures",
       "id",
       {{"id", I},
        {"petition_id", I},
        {"role", T},
        {"name", T},
        {"email", T},
        {"identity_hash", T},
        {"region", T},
        {"token_hash", T},
        {"state", T},
        {"created_at", I},
        {"validated_at", I},
        {"ip", T},
        {"subnet", T},
        {"email_domain", T},
        {"log_index", I}}},
      {"log_entries", "petition_id, idx", {{"petition_id", I}, {"idx", I}, {"leaf", B}}},
      {"log_nodes",
       "petition_id, level, idx",
       {{"petition_id", I}, {"level", I}, {"idx", I}, {"hash", B}}},
      {"timeline",
       "petition_id, seq",
       {{"petition_id", I}, {"seq", I}, {"at", I}, {"kind", T}, {"detail", T}}},
      {"threshold_crossings",
       "petition_id, idx",
       {{"petition_id", I}, {"idx", I}, {"count", I}, {"reached_at", I}}},
      {"deadline_extensions",
       "petition_id, seq",
       {{"petition_id", I},
        {"seq", I},
        {"stage", T},
        {"amount", I},
        {"unit", T},
        {"reason", T},
        {"recorded_at", I}}},
      {"region_counts", "petition_id, region", {{"petition_id", I}, {"region", T}, {"count", I}}},
      {"invalidations",
       "petition_id, seq",
       {{"petition_id", I},
        {"seq", I},
        {"at", I},
        {"matched_by", T},
        {"detail", T},
        {"count", I},
        {"reason", T}}},
      {"consideration_records",
       "id",
       {{"id", I},
        {"petition_id", I},
        {"kind", T},
        {"date", T},
        {"recorded_at", I},
        {"recorded_by", I},
        {"number", T},
        {"members", T},
        {"place", T},
        {"agenda", T},
        {"participants", T},
        {"minutes", T},
        {"summary", T},
        {"attachments", T},
        {"outcome", T},
        {"answer", T},
        {"measures", T}}},
      {"statements",
       "id",
       {{"id", I},
        {"petition_id", I},
        {"organisation_account", I},
        {"organisation", T},
        {"position", T},
        {"text", T},
        {"refs", T},
        {"filed_at", I},
        {"reply_text", T},
        {"reply_at", I},
        {"reply_by", I}}},
      {"subscriptions",
       "id",
       {{"id", I},
        {"petition_id", I},
        {"email", T},
        {"name", T},
        {"kind", T},
        {"confirmed", I},
        {"created_at", I},
        {"unsubscribed_at", I},
        {"language", T}}},
      {"notifications",
       "id",
       {{"id", I},
        {"petition_id", I},
        {"kind", T},
        {"subject", T},
        {"body", T},
        {"created_at", I},
        {"cursor", I},
        {"done", I},
        {"args", T}}},
      {"mail_queue",
       "id",
       {{"id", I},
        {"sender", T},
        {"to_name", T},
        {"to_address", T},
        {"subject", T},
        {"body", T},
        {"created_at", I},
        {"attempts", I},
        {"next_attempt_at", I}}},
  };
  return kTables;
}

std::string ColumnList(const Table& t) {
  std::string out;
  for (const Column& c : t.columns) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

size_t ColumnIndex(const Table& t, std::string_view name) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (name == t.columns[i].name) return i;
  }
  return 0;  // every name asked for is in the table above
}

Status Malformed(int64_t line, const std::string& why) {
  return Status::Invalid("archive line " + std::to_string(line) + ": " + why, "bad_archive");
}

Result<int64_t> CountRows(Connection& conn, const char* table) {
  Result<Query> q = conn.Prepare(std::string("SELECT COUNT(*) FROM ") + table);
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : 0;
}

// Binds one archived value to parameter `index` as column `c` wants it.
Status BindValue(Query& q, int index, const Column& c, const boost::json::value& v, int64_t line) {
  if (v.is_null()) {
    q.BindOptInt(index, std::nullopt);
    return Status::Ok();
  }
  switch (c.type) {
    case Type::kInt:
      if (!v.is_int64()) return Malformed(line, std::string(c.name) + " is not an integer");
      q.BindInt(index, v.get_int64());
      return Status::Ok();
    case Type::kText:
      if (!v.is_string()) return Malformed(line, std::string(c.name) + " is not a string");
      q.BindText(index, std::string_view(v.get_string()));
      return Status::Ok();
    case Type::kBytes: {
      const std::optional<std::string> bytes =
          v.is_string() ? FromBase64(std::string_view(v.get_string())) : std::nullopt;
      if (!bytes) return Malformed(line, std::string(c.name) + " is not base64");
      q.BindBlob(index, *bytes);
      return Status::Ok();
    }
  }
  return Status::Internal("unknown column type");
}

}  // namespace

Status WriteArchive(Connection& conn, std::ostream& out) {
  out << boost::json::serialize(
             boost::json::object{{"format", "petitio-archive"}, {"version", kVersion}})
      << '\n';
  int64_t rows = 0;
  for (const Table& t : Tables()) {
    boost::json::array names;
    for (const Column& c : t.columns) names.emplace_back(c.name);
    out << boost::json::serialize(boost::json::object{{"table", t.name}, {"columns", names}})
        << '\n';
    Result<Query> q =
        conn.Prepare("SELECT " + ColumnList(t) + " FROM " + t.name + " ORDER BY " + t.order);
    if (!q.ok()) return q.status();
    for (;;) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      boost::json::array values;
      values.reserve(t.columns.size());
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const int col = static_cast<int>(i);
        if (q->IsNull(col)) {
          values.emplace_back(nullptr);
        } else if (t.columns[i].type == Type::kInt) {
          values.emplace_back(q->Int(col));
        } else if (t.columns[i].type == Type::kText) {
          values.emplace_back(q->Text(col));
        } else {
          values.emplace_back(Base64(q->Blob(col)));
        }
      }
      out << boost::json::serialize(values) << '\n';
      ++rows;
    }
  }
  out << boost::json::serialize(boost::json::object{{"end", true}, {"rows", rows}}) << '\n';
  out.flush();
  if (!out) return Status::Internal("the archive could not be written");
  return Status::Ok();
}

Result<ImportSummary> ReadArchive(Connection& conn, std::istream& in, CountChanges& counts) {
  for (const char* table : {"petitions", "accounts"}) {
    Result<int64_t> n = CountRows(conn, table);
    if (!n.ok()) return n.status();
    if (*n != 0) {
      return Status::Invalid(std::string("the store already has ") + table +
                                 "; an archive is imported into an empty store only",
                             "store_not_empty");
    }
  }
  ImportSummary summary;
  std::string text;
  int64_t line = 0;
  const Table* table = nullptr;
  size_t next_table = 0;
  std::string insert;  // the current table's INSERT
  bool ended = false;
  while (std::getline(in, text)) {
    ++line;
    if (ended) return Malformed(line, "text after the end");
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(text, ec);
    if (ec) return Malformed(line, "not JSON: " + ec.message());
    if (line == 1) {
      const boost::json::object* head = v.if_object();
      const boost::json::value* format = head ? head->if_contains("format") : nullptr;
      const boost::json::value* version = head ? head->if_contains("version") : nullptr;
      if (!format || !format->is_string() || format->get_string() != "petitio-archive") {
        return Malformed(line, "not a Petitio archive");
      }
      if (!version || !version->is_int64() || version->get_int64() != kVersion) {
        return Malformed(line, "archive version " +
                                   (version ? boost::json::serialize(*version) : "none") +
                                   "; this Petitio reads version " + std::to_string(kVersion));
      }
      continue;
    }
    if (const boost::json::object* o = v.if_object()) {
      insert.clear();
      if (const boost::json::value* end = o->if_contains("end")) {
        const boost::json::value* rows = o->if_contains("rows");
        if (!end->is_bool() || !rows || !rows->is_int64() || rows->get_int64() != summary.rows) {
          return Malformed(line, "the end line does not match the rows read");
        }
        ended = true;
        continue;
      }
      const boost::json::value* name = o->if_contains("table");
      if (!name || !name->is_string() || next_table >= Tables().size() ||
          name->get_string() != Tables()[next_table].name) {
        return Malformed(line, "expected the table " + (next_table < Tables().size()
                                                            ? std::string(Tables()[next_table].name)
                                                            : std::string("end")));
      }
      table = &Tables()[next_table++];
      const boost::json::value* columns = o->if_contains("columns");
      boost::json::array want;
      for (const Column& c : table->columns) want.emplace_back(c.name);
      if (!columns || *columns != boost::json::value(want)) {
        return Malformed(line, std::string("the columns of ") + table->name +
                                   " are not this Petitio's: " + boost::json::serialize(want));
      }
      std::string sql =
          std::string("INSERT INTO ") + table->name + " (" + ColumnList(*table) + ") VALUES (";
      for (size_t i = 0; i < table->columns.size(); ++i) {
        sql += (i == 0 ? "?" : ", ?") + std::to_string(i + 1);
      }
      insert = sql + ")";
      continue;
    }
    const boost::json::array* row = v.if_array();
    if (row == nullptr || table == nullptr || insert.empty()) {
      return Malformed(line, "a row outside a table");
    }
    Result<Query> q = conn.Prepare(insert);
    if (!q.ok()) return q.status();
    if (row->size() != table->columns.size()) {
      return Malformed(line, "a row of " + std::to_string(row->size()) + " values; " + table->name +
                                 " has " + std::to_string(table->columns.size()));
    }
    for (size_t i = 0; i < row->size(); ++i) {
      PETITIO_RETURN_IF_ERROR(
          BindValue(*q, static_cast<int>(i + 1), table->columns[i], (*row)[i], line));
    }
    Status run = q->Run();
    if (!run.ok()) return Malformed(line, run.message());
    ++summary.rows;
    const std::string_view name = table->name;
    if (name == "petitions") {
      ++summary.petitions;
      const boost::json::value& pid = (*row)[ColumnIndex(*table, "id")];
      const boost::json::value& count = (*row)[ColumnIndex(*table, "signature_count")];
      if (!pid.is_int64()) return Malformed(line, "a petition without an id");
      counts[pid.get_int64()] = count.is_int64() ? count.get_int64() : 0;
    } else if (name == "signatures") {
      ++summary.signatures;
    } else if (name == "log_entries") {
      ++summary.log_entries;
    }
  }
  if (!ended) return Malformed(line, "the archive ends early (no end line)");
  // The archive does not say which tokens are of the old form (domain/signature_token.h).
  PETITIO_RETURN_IF_ERROR(IndexLegacySignatureTokens(conn));
  return summary;
}

}  // namespace petitio::sql
