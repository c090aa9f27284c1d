// Which memory allocator the petitio binary runs on, as operators and tests see it.
//
// Release builds link mimalloc (CMake option PETITIO_MIMALLOC, on unless the sanitizers are:
// AddressSanitizer brings its own allocator), which takes over malloc and operator new for the
// whole process, the libraries' allocations included: the server allocates and frees on every
// request from several threads, and glibc's allocator cost about a tenth of the surge's CPU
// (docs/performance.md). AllocatorName() checks rather than assumes: it names mimalloc only when
// a block from malloc is in mimalloc's heap, and says so when mimalloc is linked but not in use.
#pragma once

#include <string>

namespace petitio {

// "mimalloc 2.0.9", "glibc malloc", "glibc malloc (mimalloc 2.0.9 linked but not in use)", or
// "ASan's allocator" in the sanitizers' build (not spelt out: the functional tests take
// "Sanitizer" in a server's output for a sanitizer's report).
std::string AllocatorName();

}  // namespace petitio
