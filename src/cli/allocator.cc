#include "cli/allocator.h"

#include <cstdlib>

#ifdef PETITIO_MIMALLOC
#include <mimalloc.h>
#endif

namespace petitio {

std::string AllocatorName() {
#ifdef PETITIO_MIMALLOC
  const int v = mi_version();  // 209 for 2.0.9
  const std::string version = "mimalloc " + std::to_string(v / 100) + "." +
                              std::to_string(v / 10 % 10) + "." + std::to_string(v % 10);
  void* block = std::malloc(64);
  const bool in_use = block != nullptr && mi_is_in_heap_region(block);
  std::free(block);
  return in_use ? version : "glibc malloc (" + version + " linked but not in use)";
#elif defined(__SANITIZE_ADDRESS__)
  return "ASan's allocator";
#else
  return "glibc malloc";
#endif
}

}  // namespace petitio
