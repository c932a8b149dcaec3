#pragma once
// Shared state of one demo generation and its phases (facilities, people, bills, visits). Each phase draws
// from its own random stream, so the facilities of a seed do not change with the number of participants.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo.hpp"
#include "rng.hpp"
#include "simpul/core/demo.hpp"

namespace simpul::demo::detail {

struct District {
  std::string code;  // 6 digits
  std::string name;
  std::vector<std::string> villages;  // 10-digit codes
  Place centre;
  std::string postal_code;
};

// What kind of record an id names; part of the id's derivation, so kinds never share an id.
enum class IdKind : std::uint64_t { participant = 1, kk_entry, bill, payment, visit };

class Generator {
 public:
  Generator(const RegionTable& regions, const DemoOptions& options, std::vector<District> districts);

  const DemoOptions& options() const { return options_; }
  const Date& today() const { return options_.today; }
  const RegionTable& regions() const { return regions_; }
  const std::vector<District>& districts() const { return districts_; }
  std::string regency_name() const;
  Rng stream(std::uint64_t phase) const;  // an independent random stream for one phase
  DemoId next_id(IdKind kind);

  // The next free NIK / KK serial for a (district, date[, sex]) key: unique numbers by construction.
  int next_nik_serial(std::size_t district, const Date& birth, Sex sex);
  int next_kk_serial(std::size_t district, const Date& issued);

  DemoData data;

 private:
  const RegionTable& regions_;
  const DemoOptions& options_;
  std::vector<District> districts_;
  std::size_t slot(std::size_t district, const Date& day, std::size_t kinds) const;

  std::unordered_map<std::uint64_t, std::uint64_t> id_counters_;
  // Dense counters per (district, day[, sex]) over the last kSerialYears: far faster than a hash map
  // when nearly every key is used once.
  std::int64_t first_day_ = 0;
  std::int64_t day_count_ = 0;
  std::vector<std::uint16_t> nik_serials_;
  std::vector<std::uint16_t> kk_serials_;
};

// The phases, in order.
void make_facilities(Generator& g);
void make_people(Generator& g);
void make_bills(Generator& g);
void make_visits(Generator& g);

// Small text helpers.
std::string two_digits(int n);
std::string pad(std::uint64_t n, std::size_t width);  // zero-padded decimal
double uniform(Rng& rng, double lo, double hi);
Date random_day(Rng& rng, const Date& from, const Date& to);  // inclusive; `from` when to < from

}  // namespace simpul::demo::detail
