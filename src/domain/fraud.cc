#include "domain/fraud.h"

namespace petitio {

std::string_view MatchFieldName(MatchField f) {
  switch (f) {
    case MatchField::kNone:
      return "window";
    case MatchField::kIp:
      return "ip";
    case MatchField::kSubnet:
      return "subnet";
    case MatchField::kEmailDomain:
      return "domain";
    case MatchField::kRegion:
      return "region";
  }
  return "window";
}

}  // namespace petitio
