// Status and Result<T>: expected failures as values.
//
// A Status is either OK or carries an ErrorKind (which one table in src/http maps to an HTTP
// status), a stable machine-readable code ("already_signed", defaulting to the kind's name) and
// a human-readable message. Result<T> holds a T or a non-OK Status. Neither throws; reading the
// value of a failed Result is a programming error and aborts.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace petitio {

enum class ErrorKind {
  kInvalidArgument,     // the request is malformed or a field is invalid
  kNotFound,            // no such petition, signature, token or profile
  kAlreadyExists,       // a unique thing already exists
  kFailedPrecondition,  // the thing exists but is in the wrong state for this
  kUnauthenticated,     // no or wrong credentials
  kPermissionDenied,    // credentials fine, not allowed
  kPayloadTooLarge,     // body over the limit
  kUnavailable,         // overloaded or shutting down; retry later
  kInternal,            // a bug or an I/O failure
};

std::string_view ErrorKindName(ErrorKind kind);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorKind kind, std::string code, std::string message)
      : ok_(false), kind_(kind), code_(std::move(code)), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string message, std::string code = "invalid_argument") {
    return {ErrorKind::kInvalidArgument, std::move(code), std::move(message)};
  }
  static Status NotFound(std::string message, std::string code = "not_found") {
    return {ErrorKind::kNotFound, std::move(code), std::move(message)};
  }
  static Status Conflict(std::string message, std::string code) {
    return {ErrorKind::kFailedPrecondition, std::move(code), std::move(message)};
  }
  static Status Internal(std::string message) {
    return {ErrorKind::kInternal, "internal", std::move(message)};
  }

  bool ok() const { return ok_; }
  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  bool ok_ = true;
  ErrorKind kind_ = ErrorKind::kInternal;
  std::string code_;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(v_).ok()) std::abort();   // an OK Status carries no value
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return Checked(); }
  const T& value() const& { return const_cast<Result*>(this)->Checked(); }
  T&& value() && { return std::move(Checked()); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Checked(); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Checked(); }

 private:
  T& Checked() {
    if (!ok()) std::abort();
    return std::get<T>(v_);
  }
  std::variant<T, Status> v_;
};

}  // namespace petitio

// Propagate a failed Status out of the calling function. Each expansion names its own
// variable, so the macro nests (e.g. inside a store write unit passed to it).
#define PETITIO_CONCAT_INNER_(a, b) a##b
#define PETITIO_CONCAT_(a, b) PETITIO_CONCAT_INNER_(a, b)
#define PETITIO_RETURN_IF_ERROR(expr) \
  PETITIO_RETURN_IF_ERROR_IMPL_(PETITIO_CONCAT_(petitio_s_, __COUNTER__), expr)
// `var` is the name the expansion declares, which parentheses would not compile.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define PETITIO_RETURN_IF_ERROR_IMPL_(var, expr) \
  do {                                           \
    ::petitio::Status var = (expr);              \
    if (!var.ok()) return var;                   \
  } while (false)
// NOLINTEND(bugprone-macro-parentheses)
