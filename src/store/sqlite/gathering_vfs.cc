#include "store/sqlite/gathering_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstddef>
#include <new>
#include <vector>

#include "store/sqlite/connection.h"

namespace petitio::sqlite {

namespace {

std::atomic<int64_t> g_writes_asked{0};
std::atomic<int64_t> g_writes_made{0};

sqlite3_vfs* g_base = nullptr;  // the default VFS this one wraps; set once, before registering
sqlite3_vfs g_vfs;

// A WAL file opened through this VFS: SQLite's handle (`base`, whose methods are kWalMethods),
// the gathered bytes, and the default VFS's own handle in the bytes after this struct.
struct WalFile {
  sqlite3_file base;
  sqlite3_file* real;
  std::vector<char>* pending;  // appends not written yet, starting at `pending_at`
  sqlite3_int64 pending_at;
};

constexpr size_t RealOffset() {
  return (sizeof(WalFile) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) *
         alignof(std::max_align_t);
}

WalFile* Wal(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }

// Writes what is gathered; SQLITE_OK when there was nothing.
int Flush(WalFile* w) {
  if (w->pending->empty()) return SQLITE_OK;
  const int rc = w->real->pMethods->xWrite(w->real, w->pending->data(),
                                           static_cast<int>(w->pending->size()), w->pending_at);
  g_writes_made.fetch_add(1, std::memory_order_relaxed);
  w->pending->clear();
  return rc;
}

int WalClose(sqlite3_file* f) {
  WalFile* w = Wal(f);
  const int flushed = Flush(w);
  const int rc = w->real->pMethods->xClose(w->real);
  delete w->pending;
  w->pending = nullptr;
  return flushed != SQLITE_OK ? flushed : rc;
}

int WalRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  WalFile* w = Wal(f);
  if (const int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xRead(w->real, out, amount, offset);
}

int WalWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  WalFile* w = Wal(f);
  g_writes_asked.fetch_add(1, std::memory_order_relaxed);
  std::vector<char>& pending = *w->pending;
  const size_t n = static_cast<size_t>(amount);
  const bool follows =
      !pending.empty() && offset == w->pending_at + static_cast<sqlite3_int64>(pending.size());
  if (!follows || pending.size() + n > kGatherLimit) {
    if (const int rc = Flush(w); rc != SQLITE_OK) return rc;
  }
  if (n > kGatherLimit) {  // too big to gather: straight through
    g_writes_made.fetch_add(1, std::memory_order_relaxed);
    return w->real->pMethods->xWrite(w->real, data, amount, offset);
  }
  try {
    if (pending.empty()) {
      pending.reserve(kGatherLimit);
      w->pending_at = offset;
    }
    const char* bytes = static_cast<const char*>(data);
    pending.insert(pending.end(), bytes, bytes + n);
  } catch (const std::bad_alloc&) {
    return SQLITE_IOERR_NOMEM;
  }
  return SQLITE_OK;
}

int WalTruncate(sqlite3_file* f, sqlite3_int64 size) {
  WalFile* w = Wal(f);
  if (const int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xTruncate(w->real, size);
}

int WalSync(sqlite3_file* f, int flags) {
  WalFile* w = Wal(f);
  if (const int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xSync(w->real, flags);
}

int WalFileSize(sqlite3_file* f, sqlite3_int64* size) {
  WalFile* w = Wal(f);
  if (const int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xFileSize(w->real, size);
}

int WalLock(sqlite3_file* f, int level) {
  return Wal(f)->real->pMethods->xLock(Wal(f)->real, level);
}

int WalUnlock(sqlite3_file* f, int level) {
  return Wal(f)->real->pMethods->xUnlock(Wal(f)->real, level);
}

int WalCheckReservedLock(sqlite3_file* f, int* out) {
  return Wal(f)->real->pMethods->xCheckReservedLock(Wal(f)->real, out);
}

int WalFileControl(sqlite3_file* f, int op, void* arg) {
  WalFile* w = Wal(f);
  if (const int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xFileControl(w->real, op, arg);
}

int WalSectorSize(sqlite3_file* f) { return Wal(f)->real->pMethods->xSectorSize(Wal(f)->real); }

int WalDeviceCharacteristics(sqlite3_file* f) {
  return Wal(f)->real->pMethods->xDeviceCharacteristics(Wal(f)->real);
}

int WalShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  sqlite3_file* real = Wal(f)->real;
  if (real->pMethods->iVersion < 2 || real->pMethods->xShmMap == nullptr) return SQLITE_IOERR;
  return real->pMethods->xShmMap(real, region, size, extend, out);
}

int WalShmLock(sqlite3_file* f, int offset, int n, int flags) {
  sqlite3_file* real = Wal(f)->real;
  if (real->pMethods->iVersion < 2 || real->pMethods->xShmLock == nullptr) return SQLITE_IOERR;
  return real->pMethods->xShmLock(real, offset, n, flags);
}

void WalShmBarrier(sqlite3_file* f) {
  sqlite3_file* real = Wal(f)->real;
  if (real->pMethods->iVersion >= 2 && real->pMethods->xShmBarrier != nullptr) {
    real->pMethods->xShmBarrier(real);
  }
}

int WalShmUnmap(sqlite3_file* f, int delete_flag) {
  sqlite3_file* real = Wal(f)->real;
  if (real->pMethods->iVersion < 2 || real->pMethods->xShmUnmap == nullptr) return SQLITE_OK;
  return real->pMethods->xShmUnmap(real, delete_flag);
}

int WalFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  WalFile* w = Wal(f);
  *out = nullptr;
  if (const int rc = Flush(w); rc != SQLITE_OK) return rc;
  if (w->real->pMethods->iVersion < 3 || w->real->pMethods->xFetch == nullptr) return SQLITE_OK;
  return w->real->pMethods->xFetch(w->real, offset, amount, out);
}

int WalUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
  sqlite3_file* real = Wal(f)->real;
  if (real->pMethods->iVersion < 3 || real->pMethods->xUnfetch == nullptr) return SQLITE_OK;
  return real->pMethods->xUnfetch(real, offset, page);
}

const sqlite3_io_methods kWalMethods = {
    3,
    WalClose,
    WalRead,
    WalWrite,
    WalTruncate,
    WalSync,
    WalFileSize,
    WalLock,
    WalUnlock,
    WalCheckReservedLock,
    WalFileControl,
    WalSectorSize,
    WalDeviceCharacteristics,
    WalShmMap,
    WalShmLock,
    WalShmBarrier,
    WalShmUnmap,
    WalFetch,
    WalUnfetch,
};

// A WAL file gets the gathering handle; any other file is the default VFS's own handle, opened
// straight into SQLite's memory for it (which is at least as large).
int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  if ((flags & SQLITE_OPEN_WAL) == 0) return g_base->xOpen(g_base, name, file, flags, out_flags);
  WalFile* w = Wal(file);
  w->base.pMethods = nullptr;  // SQLite closes nothing when the open fails
  w->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + RealOffset());
  w->pending = nullptr;
  w->pending_at = 0;
  const int rc = g_base->xOpen(g_base, name, w->real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  w->pending = new (std::nothrow) std::vector<char>();
  if (w->pending == nullptr) {
    w->real->pMethods->xClose(w->real);
    return SQLITE_NOMEM;
  }
  w->base.pMethods = &kWalMethods;
  return SQLITE_OK;
}

}  // namespace

bool RegisterGatheringVfs() {
  static const bool registered = [] {
    ConfigureSqlite();  // before sqlite3_vfs_find initialises SQLite
    g_base = sqlite3_vfs_find(nullptr);
    if (g_base == nullptr) return false;
    // Every other method is the default VFS's, with its own data (pAppData, mxPathname).
    g_vfs = *g_base;
    g_vfs.pNext = nullptr;
    g_vfs.zName = kGatheringVfs;
    g_vfs.szOsFile = static_cast<int>(RealOffset()) + g_base->szOsFile;
    g_vfs.xOpen = Open;
    return sqlite3_vfs_register(&g_vfs, /*makeDflt=*/0) == SQLITE_OK;
  }();
  return registered;
}

GatheringVfsStats GetGatheringVfsStats() {
  return {g_writes_asked.load(std::memory_order_relaxed),
          g_writes_made.load(std::memory_order_relaxed)};
}

}  // namespace petitio::sqlite
