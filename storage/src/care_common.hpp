#pragma once
// Small helpers shared by the care repositories (screenings, visits, complaints, locator, reports).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simpul/core/message.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage::care {

// The facility this replica works for: the enrolled one, else the "facility" or "queue.facility"
// setting, else "" (an unenrolled test replica).
std::string replica_facility(Replica& r);

inline Finding error_finding(std::string field, std::string code, std::string id, std::string en) {
  return Finding{std::move(field), Severity::error, std::move(code), std::move(id), std::move(en)};
}

// "2026-01-05T03:04:05Z" for epoch milliseconds (UTC).
std::string iso_utc(std::int64_t ms);

// A JSON text column: the parsed value, or `fallback` when empty or unreadable.
nlohmann::json parse_json(const std::optional<std::string>& text, nlohmann::json fallback = nullptr);

// Runs `sql` with text arguments bound from 1 and calls `row` for each result row.
template <class F>
Status each_row(Database& db, const std::string& sql, const std::vector<std::string>& args, F&& row) {
  auto st = db.prepare(sql);
  for (std::size_t i = 0; i < args.size(); ++i) st->bind(static_cast<int>(i + 1), args[i]);
  for (;;) {
    auto step = st->step();
    if (!step.ok()) return step.error();
    if (!step.value()) return {};
    row(*st);
  }
}

}  // namespace simpul::storage::care
