// The message catalogues compiled into the binary (web/messages/*.toml), parsed once on first
// use. They are checked by Messages::Parse and by tests; a build whose catalogues do not parse
// aborts on first use with the reason, so it cannot pass its tests or serve a page.
#pragma once

#include "domain/messages.h"

namespace petitio {

const Messages& BuiltinMessages();

}  // namespace petitio
