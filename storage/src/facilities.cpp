#include "simpul/storage/facilities.hpp"

#include "simpul/storage/codec.hpp"

namespace simpul::storage {

Status Facilities::put(const Actor& who, const Facility& f) {
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto w = r_.upsert(who, "facility", f.code, to_fields(f));
  if (!w.ok()) return w.error();
  return tx->commit();
}

Result<std::optional<Facility>> Facilities::get(const std::string& code) {
  auto row = r_.load("facility", code);
  if (!row.ok()) return row.error();
  if (!row->has_value()) return std::optional<Facility>{};
  auto f = facility_from(**row);
  if (!f.ok()) return f.error();
  return std::optional<Facility>{std::move(f).value()};
}

Result<std::vector<Facility>> Facilities::list(std::optional<FacilityType> type) {
  auto st = r_.db().prepare("SELECT id, type FROM facilities ORDER BY name");
  std::vector<std::string> ids;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!row.value()) break;
    if (type && st->text(1) != facility_type_code(*type)) continue;
    ids.push_back(st->text(0));
  }
  std::vector<Facility> out;
  for (const auto& id : ids) {
    auto f = get(id);
    if (!f.ok()) return f.error();
    if (f->has_value()) out.push_back(**f);
  }
  return out;
}

}  // namespace simpul::storage
