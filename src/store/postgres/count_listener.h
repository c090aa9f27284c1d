// CountListener: keeps a server's CountCache in step with the batches every server commits to
// one PostgreSQL database.
//
// Each writer NOTIFYs channel kCountsChannel inside its batch's transaction (so the message is
// delivered when, and only if, the batch commits, in commit order), with the payload that
// CountPayloads makes. The listener holds its own connection: it LISTENs, loads every count
// with the number of the last batch in one snapshot, then applies each message as it arrives.
// If the connection drops it reconnects (every second until it can) and loads again, so a
// message missed while away cannot leave a count behind. Stop (and the destructor) returns
// at once.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/result.h"
#include "store/sql/count_cache.h"

namespace petitio::postgres {

inline constexpr const char* kCountsChannel = "petitio_counts";

// "SEQ ID:COUNT ID:COUNT ...", split so that no payload passes PostgreSQL's 8000-byte limit.
std::vector<std::string> CountPayloads(int64_t seq, const sql::CountChanges& changes);
// The reverse; false for a payload that is not one.
bool ParseCountPayload(std::string_view payload, int64_t* seq, sql::CountChanges* changes);

class CountListener {
 public:
  // Connects, LISTENs and loads the counts before returning.
  static Result<std::unique_ptr<CountListener>> Start(const std::string& conninfo,
                                                      sql::CountCache& counts);
  ~CountListener();
  CountListener(const CountListener&) = delete;
  CountListener& operator=(const CountListener&) = delete;

 private:
  CountListener(std::string conninfo, sql::CountCache& counts);
  Status Connect();
  void Run();

  const std::string conninfo_;
  sql::CountCache& counts_;
  struct Pg;
  std::unique_ptr<Pg> pg_;
  int wake_[2] = {-1, -1};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace petitio::postgres
