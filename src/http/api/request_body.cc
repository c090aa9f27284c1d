#include "http/api/request_body.h"

#include <algorithm>
#include <boost/json.hpp>

#include "domain/text.h"

namespace petitio::http {

namespace {

Status Flatten(const boost::json::object& obj, const std::string& prefix,
               std::initializer_list<std::string_view> integer_fields,
               std::map<std::string, std::string>& out, int depth) {
  if (depth > 4) return Status::Invalid("JSON body nests too deeply", "invalid_json");
  for (const auto& [key, value] : obj) {
    const std::string name = prefix + std::string(key);
    if (value.is_string()) {
      out[name] = std::string(value.get_string());
    } else if (value.is_int64() && std::find(integer_fields.begin(), integer_fields.end(), name) !=
                                       integer_fields.end()) {
      out[name] = std::to_string(value.get_int64());
    } else if (value.is_bool() && std::find(integer_fields.begin(), integer_fields.end(), name) !=
                                      integer_fields.end()) {
      out[name] = value.get_bool() ? "true" : "false";
    } else if (value.is_object()) {
      PETITIO_RETURN_IF_ERROR(
          Flatten(value.get_object(), name + ".", integer_fields, out, depth + 1));
    } else if (!value.is_null()) {
      return Status::Invalid("field '" + name + "' must be a string", "invalid_" + name);
    }
  }
  return Status::Ok();
}

}  // namespace

bool IsFormRequest(const HttpRequest& request) {
  return request.Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0;
}

Result<RequestFields> RequestFields::Parse(const HttpRequest& request,
                                           std::initializer_list<std::string_view> integer_fields) {
  RequestFields f;
  if (IsFormRequest(request)) {
    f.from_form_ = true;
    if (!IsValidUtf8(request.body)) return Status::Invalid("form is not UTF-8", "invalid_form");
    for (auto& [k, v] : ParseUrlEncoded(request.body)) f.fields_[k] = v;
    return f;
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(request.body, ec);
  if (ec) return Status::Invalid("body is not valid JSON: " + ec.message(), "invalid_json");
  if (!v.is_object()) return Status::Invalid("body must be a JSON object", "invalid_json");
  PETITIO_RETURN_IF_ERROR(Flatten(v.get_object(), "", integer_fields, f.fields_, 0));
  return f;
}

const std::string& RequestFields::Get(const std::string& name) const {
  static const std::string kEmpty;
  const auto it = fields_.find(name);
  return it == fields_.end() ? kEmpty : it->second;
}

}  // namespace petitio::http
