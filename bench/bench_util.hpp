// What the benchmark programs share: how they fail (`die`), how they read their options (Args), and their
// clocks. Header-only; each program names itself once (Args' constructor) for its error messages.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul::bench {

using Steady = std::chrono::steady_clock;

// The program's name, for the messages of die(): set by Args.
inline std::string& program_name() {
  static std::string name = "bench";
  return name;
}

// Prints "<program>: <message>" to stderr and exits with status 1.
[[noreturn]] inline void die(const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", program_name().c_str(), message.c_str());
  std::exit(1);
}

// The value of a Result, or die() with `what` and its error.
template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r.ok()) die(what + ": " + r.error().message);
  return std::move(r).value();
}
inline void must(const Status& s, const std::string& what) {
  if (!s.ok()) die(what + ": " + s.error().message);
}

// The command line's options one at a time:
//   for (bench::Args args("x_bench", argc, argv); args.next();) if (args.is("--n")) n = args.number(); ...
// A missing value, a value that is not a number and an unknown option all end the program with the same
// messages in every bench.
class Args {
 public:
  Args(const char* program, int argc, char** argv) : args_(argv + 1, argv + argc) {
    program_name() = program;
  }

  // Moves to the next option; false when there is none left.
  bool next() { return ++i_ < args_.size(); }
  const std::string& option() const { return args_[i_]; }
  bool is(const char* name) const { return args_[i_] == name; }

  // The option's value: the next argument.
  const std::string& value() {
    const std::string& a = option();
    if (i_ + 1 >= args_.size()) die(a + " needs a value");
    return args_[++i_];
  }
  // The value as a whole number (0 allowed).
  unsigned long long number() {
    const std::string& a = option();
    const std::string& v = value();
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0') die(a + ": not a number: " + v);
    return n;
  }
  // The value as a whole number of at least 1.
  unsigned long long positive() {
    const std::string& a = option();
    const std::string& v = value();
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || n == 0) die(a + ": not a positive number: " + v);
    return n;
  }
  // The value as a number above 0, fractions allowed.
  double positive_real() {
    const std::string& a = option();
    const std::string& v = value();
    char* end = nullptr;
    const double n = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || n <= 0) die(a + ": not a positive number: " + v);
    return n;
  }
  [[noreturn]] void unknown() const { die("unknown option " + option()); }

 private:
  std::vector<std::string> args_;
  std::size_t i_ = static_cast<std::size_t>(-1);
};

inline double seconds_since(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

inline double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

// This thread's CPU time in milliseconds: on a busy machine the wall time includes waiting for a core, this
// does not.
inline double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace simpul::bench
