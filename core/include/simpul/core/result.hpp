#pragma once
// Errors as values for failures that are expected (bad input, network down, conflicts).
// Bugs are not Results: they fail fast with assert/abort.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace simpul {

enum class ErrorKind {
  invalid,       // the input is wrong; retrying the same input never helps
  not_found,     // the thing asked for does not exist
  transient,     // may succeed later (network down, database busy, server 5xx)
  permanent,     // will not succeed (refused by business rule, unsupported version)
  conflict,      // concurrent change or uniqueness violation
  corrupt,       // stored data failed an integrity check
  unauthorized,  // missing, wrong or revoked credentials
};

const char* to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::permanent;
  std::string code;     // stable machine-readable code, e.g. "nik.bad_length"
  std::string message;  // English message for logs and CLI
};

inline Error make_error(ErrorKind kind, std::string code, std::string message) {
  return Error{kind, std::move(code), std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }
  T value_or(T fallback) const { return ok() ? std::get<0>(v_) : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(!ok()); return *e_; }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;

}  // namespace simpul

// Propagate an error from an expression returning Result<...>.
#define SIMPUL_TRY(expr)                                 \
  do {                                                   \
    auto simpul_try_r_ = (expr);                         \
    if (!simpul_try_r_.ok()) return simpul_try_r_.error(); \
  } while (0)
