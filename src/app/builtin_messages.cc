#include "app/builtin_messages.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "domain/embedded_file.h"

namespace petitio {

const Messages& BuiltinMessages() {
  static const Messages kMessages = [] {
    std::map<std::string, std::string_view> files;
    for (const EmbeddedFile& f : embedded::messages()) {
      std::string name(f.path);
      if (name.size() > 5 && name.ends_with(".toml")) {
        files.emplace(name.substr(0, name.size() - 5), f.contents());
      }
    }
    Result<Messages> m = Messages::Parse(files);
    if (!m.ok()) {
      std::fprintf(stderr, "petitio: built-in messages: %s\n", m.status().message().c_str());
      std::abort();
    }
    return std::move(*m);
  }();
  return kMessages;
}

}  // namespace petitio
