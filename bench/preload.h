// Preload: validated signatures written straight into a stopped server's SQLite store through
// the store's own write path and the use cases' counting (app/count_signature.h: the count, the
// log entry and its Merkle nodes, the region count), a unit of 1,000 signatures at a time, so
// that the surge can be measured against a store that already holds millions of them.
#pragma once

#include <cstdint>
#include <string>

#include "domain/result.h"

namespace petitio::bench {

// Adds `n` signatures to petition `petition_id` in DATA_DIR/petitio.db; the server must not be
// running. Prints progress every million.
Status PreloadSignatures(const std::string& data_dir, int64_t petition_id, int64_t n);

// Copies the stopped server's DATA_DIR, just preloaded, to COPY_DIR/data, with a note of what it
// holds (COPY_DIR/preload.txt), replacing an earlier copy.
Status KeepPreloadCopy(const std::string& data_dir, const std::string& copy_dir,
                       int64_t petition_id, int64_t n);
// Replaces DATA_DIR with the copy kept in COPY_DIR, when that copy holds `n` signatures on
// petition `petition_id`; an error, and DATA_DIR untouched, when it holds anything else.
Status UsePreloadCopy(const std::string& copy_dir, const std::string& data_dir, int64_t petition_id,
                      int64_t n);

}  // namespace petitio::bench
