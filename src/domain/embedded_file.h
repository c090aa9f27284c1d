// A file compiled into the binary by cmake/Embed.cmake (profiles, templates, static assets).
// The data is NUL-terminated but may hold NULs; use `size`.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace petitio {

struct EmbeddedFile {
  const char* path;  // relative to the embedded folder, e.g. "kz.toml"
  const char* data;
  size_t size;
  std::string_view contents() const { return {data, size}; }
};

namespace embedded {
std::span<const EmbeddedFile> profiles();   // profiles/*.toml
std::span<const EmbeddedFile> templates();  // web/templates/*.mustache
std::span<const EmbeddedFile> assets();     // web/static/*
std::span<const EmbeddedFile> messages();   // web/messages/*.toml
}  // namespace embedded

}  // namespace petitio
