// The gathering VFS: SQLite's default VFS, except that a WAL file's appends are gathered in
// memory and written with one pwrite.
//
// SQLite writes each frame of a commit as two writes (its 24-byte header, then the page), so a
// commit of a thousand pages makes two thousand system calls before its one fsync. Through this
// VFS, consecutive writes to a WAL file are kept in a buffer (up to kGatherLimit bytes) and
// written at once when anything else touches that file: a read, a sync, a truncate, its size, a
// file control, a memory map, closing it, or a write somewhere else. The main database file and
// every other file are the default VFS's own, untouched.
//
// Only for a connection whose every commit syncs the WAL (`PRAGMA synchronous = FULL`): SQLite
// publishes a commit's frames to other connections (through the shared wal-index) after that
// sync, so they never read a frame still in the buffer. With NORMAL or OFF a commit is published
// unsynced and another connection could read a frame before it is written.
#pragma once

#include <cstddef>
#include <cstdint>

namespace petitio::sqlite {

inline constexpr const char* kGatheringVfs = "petitio-gathering";
// The unix VFS writes at most 128 KiB - 1 bytes in one call (it masks the length to 17 bits), so a
// gathered write stays under that: 31 frames of a 4 KiB page.
inline constexpr size_t kGatherLimit = (size_t{1} << 17) - 1;

// Registers the VFS under kGatheringVfs (not as the default) over the default VFS of the moment;
// idempotent and thread-safe. False when SQLite has no default VFS or refuses the registration.
bool RegisterGatheringVfs();

// What the VFS did since the process started, over all its files: the writes SQLite asked of a
// WAL file, and the writes that reached the file system for them.
struct GatheringVfsStats {
  int64_t writes_asked = 0;
  int64_t writes_made = 0;
};
GatheringVfsStats GetGatheringVfsStats();

}  // namespace petitio::sqlite
