// Checkpointer: moves the SQLite store's write-ahead log into the database file on a thread of
// its own, so that the writer's commits never stop to do it (SQLite otherwise checkpoints inside
// the commit that fills the WAL past 1,000 pages). Every `period` it runs a PASSIVE checkpoint
// on its own connection: that copies what no reader still needs and never blocks the writer or
// a reader; once a checkpoint has copied everything, the writer starts the WAL over.
// The writer's connection must have automatic checkpoints off (PRAGMA wal_autocheckpoint = 0).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "domain/result.h"
#include "store/sqlite/connection.h"

namespace petitio::sqlite {

class Checkpointer {
 public:
  static Result<std::unique_ptr<Checkpointer>> Start(const std::string& path,
                                                     std::chrono::milliseconds period);
  ~Checkpointer();  // stops the thread after one last checkpoint
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints done so far (for tests).
  int64_t checkpoints() const;

 private:
  Checkpointer(std::unique_ptr<SqliteConnection> conn, std::chrono::milliseconds period);
  void Loop();

  std::unique_ptr<SqliteConnection> conn_;
  const std::chrono::milliseconds period_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  int64_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace petitio::sqlite
