// ReadPool: a fixed set of read-only connections, leased one per read.
//
// Safe for concurrent use. Acquire hands out a free connection, waiting only for another
// reader to give one back, never for the writer (WAL readers see the last commit that ended
// before their statement began). A Lease returns its connection when it goes away.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sql/connection.h"

namespace petitio::sql {

class ReadPool {
 public:
  class Lease {
   public:
    Lease(ReadPool& pool, std::unique_ptr<Connection> conn)
        : pool_(&pool), conn_(std::move(conn)) {}
    ~Lease();
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    Connection& conn() { return *conn_; }

   private:
    ReadPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  explicit ReadPool(std::vector<std::unique_ptr<Connection>> conns) : free_(std::move(conns)) {}

  Lease Acquire();

 private:
  void Release(std::unique_ptr<Connection> conn);

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> free_;  // guarded by mu_
};

}  // namespace petitio::sql
