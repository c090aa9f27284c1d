// Reads the fields of a request body sent as a JSON object or as an HTML form
// (application/x-www-form-urlencoded). Field values are strings; nested objects are reached
// with a dotted name ("initiator.email"). A JSON field that is present but not a string is an
// InvalidArgument naming it, except the `integer_fields` the caller names, which may also be
// JSON whole numbers (read as their decimal text) or booleans ("true", "false"); a missing field
// reads as empty (the use case decides whether that is allowed).
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "http/message.h"

namespace petitio::http {

class RequestFields {
 public:
  // Fails with code "invalid_json" (malformed JSON, or not an object) or "invalid_form".
  static Result<RequestFields> Parse(const HttpRequest& request,
                                     std::initializer_list<std::string_view> integer_fields = {});
  const std::string& Get(const std::string& name) const;
  bool from_form() const { return from_form_; }

 private:
  std::map<std::string, std::string> fields_;
  bool from_form_ = false;
};

bool IsFormRequest(const HttpRequest& request);

}  // namespace petitio::http
