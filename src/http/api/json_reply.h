// An API answer whose body is a Boost.JSON value (the routes that build their JSON as values).
#pragma once

#include <boost/json.hpp>

#include "http/message.h"

namespace petitio::http {

inline HttpResponse JsonReply(int status, const boost::json::value& v) {
  HttpResponse r;
  r.status = status;
  r.body = boost::json::serialize(v);
  return r;
}

}  // namespace petitio::http
