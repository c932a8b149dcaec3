#include "values.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "simpul/core/date.hpp"
#include "simpul/core/model.hpp"

namespace simpul::server {
namespace {

using storage::ColumnType;

constexpr std::size_t kMaxText = 64 * 1024;

bool all_digits(const std::string& s, std::size_t n) {
  if (s.size() != n) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_date_column(const std::string& name) {
  static const char* const kNames[] = {"birth_date", "fktp_changed_on", "valid_from", "valid_until",
                                       "due_date",   "paid_on",         "day"};
  for (const char* n : kNames) {
    if (name == n) return true;
  }
  return false;
}

ValueError malformed(const EntityDef& def, const std::string& col, const std::string& what) {
  return ValueError{"value.malformed", def.entity + "." + col + " " + what};
}

// Domain shape checks beyond the column type.
std::optional<ValueError> check_domain(const EntityDef& def, const std::string& col, const nlohmann::json& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > kMaxText) return malformed(def, col, "is longer than 64 KiB");
    if (is_date_column(col) && !s.empty() && !Date::parse(s)) return malformed(def, col, "must be a date YYYY-MM-DD");
    for (const auto& ref : references(def)) {
      if (col == ref.column && !s.empty() && !valid_id(s)) return malformed(def, col, "is not a record id");
    }
  }
  if (def.entity == "participant") {
    if (col == "nik" && !all_digits(v.is_string() ? v.get<std::string>() : "", 16)) {
      return malformed(def, col, "must be 16 digits");
    }
    if (col == "sex" && v != "L" && v != "P") return malformed(def, col, "must be L or P");
    if (col == "segment" && (!v.is_string() || !parse_segment(v.get<std::string>()))) {
      return malformed(def, col, "is not a known segment (PBI-APBN, PBI-APBD, PPU, PBPU, BP)");
    }
    if (col == "class" && (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 3)) {
      return malformed(def, col, "must be 1, 2 or 3");
    }
  }
  if (def.entity == "rating" && col == "stars" &&
      (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 5)) {
    return malformed(def, col, "must be 1 to 5");
  }
  return std::nullopt;
}

}  // namespace

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::optional<ValueError> coerce_value(const EntityDef& def, const storage::ColumnDef& col, const nlohmann::json& in,
                                       nlohmann::json& out) {
  out = nullptr;
  if (!in.is_null()) {
    switch (col.type) {
      case ColumnType::integer:
        if (in.is_boolean()) {
          out = in.get<bool>() ? 1 : 0;
        } else if (in.is_number_integer()) {
          out = in.get<std::int64_t>();
        } else if (in.is_number_float()) {
          const double d = in.get<double>();
          if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e15) {
            return malformed(def, col.name, "must be an integer");
          }
          out = static_cast<std::int64_t>(d);
        } else if (in.is_string()) {
          const auto& s = in.get_ref<const std::string&>();
          try {
            std::size_t pos = 0;
            const long long n = std::stoll(s, &pos);
            if (pos != s.size()) return malformed(def, col.name, "must be an integer");
            out = static_cast<std::int64_t>(n);
          } catch (const std::exception&) {
            return malformed(def, col.name, "must be an integer");
          }
        } else {
          return malformed(def, col.name, "must be an integer");
        }
        break;
      case ColumnType::real:
        if (in.is_number()) {
          const double d = in.get<double>();
          if (!std::isfinite(d)) return malformed(def, col.name, "must be a finite number");
          out = d;
        } else if (in.is_string()) {
          try {
            std::size_t pos = 0;
            const auto& s = in.get_ref<const std::string&>();
            const double d = std::stod(s, &pos);
            if (pos != s.size() || !std::isfinite(d)) return malformed(def, col.name, "must be a number");
            out = d;
          } catch (const std::exception&) {
            return malformed(def, col.name, "must be a number");
          }
        } else {
          return malformed(def, col.name, "must be a number");
        }
        break;
      case ColumnType::text:
        // Same as the replica's coercion: integers as decimal text, nested JSON as its text.
        if (in.is_string()) out = in;
        else if (in.is_number_integer()) out = std::to_string(in.get<std::int64_t>());
        else out = in.dump();
        break;
    }
  }
  return check_domain(def, col.name, out);
}

const std::vector<std::string>& required_columns(const EntityDef& def) {
  static const std::map<std::string, std::vector<std::string>> kRequired = {
      {"facility", {"type", "name"}},
      {"participant", {"nik", "name"}},
      {"kk_history", {"participant_id", "kk_number"}},
      {"user", {"username", "role", "password_hash"}},
      {"bill", {"participant_id", "period", "amount", "status"}},
      {"payment", {"participant_id", "paid_on", "amount"}},
      {"queue_entry", {"facility", "poli", "day", "state"}},
      {"queue_event", {"entry_id", "event", "at_ms"}},
      {"visit", {"participant_id", "day"}},
      {"rating", {"visit_id", "stars"}},
      {"screening", {"participant_id", "day"}},
      {"complaint", {"category", "text"}},
      {"conflict", {"entity", "entity_id", "field"}},
  };
  static const std::vector<std::string> kNone;
  auto it = kRequired.find(def.entity);
  return it == kRequired.end() ? kNone : it->second;
}

void apply_defaults(const EntityDef& def, Fields& fields) {
  auto fill = [&](const char* col, const nlohmann::json& v) {
    auto it = fields.find(col);
    if (it == fields.end() || it->is_null()) fields[col] = v;
  };
  if (def.entity == "user") {
    fill("active", 1);
    fill("demo", 0);
  } else if (def.entity == "conflict") {
    fill("resolved", 0);
  }
}

const std::vector<Reference>& references(const EntityDef& def) {
  static const std::map<std::string, std::vector<Reference>> kRefs = [] {
    std::map<std::string, std::vector<Reference>> m;
    static const Reference kKnown[] = {
        {"participant_id", "participant"}, {"entry_id", "queue_entry"}, {"visit_id", "visit"}};
    for (const auto& e : storage::entities()) {
      for (const auto& r : kKnown) {
        if (e.column(r.column) != nullptr) m[e.entity].push_back(r);
      }
    }
    return m;
  }();
  static const std::vector<Reference> kNone;
  auto it = kRefs.find(def.entity);
  return it == kRefs.end() ? kNone : it->second;
}

std::string value_text(const nlohmann::json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v.get<double>());
    return buf;
  }
  return v.dump();
}

}  // namespace simpul::server
