#include "simpul/server/seed.hpp"

#include <map>
#include <set>

#include "simpul/core/hlc.hpp"
#include "simpul/storage/codec.hpp"
#include "scope.hpp"

namespace simpul::server {
namespace {

constexpr const char* kSeedWriter = "seed";

class Loader {
 public:
  Loader(StoreTx& tx, const FieldClock& clock) : tx_(tx), clock_(clock) {}

  // Writes a row; every non-null field gets the seed's clock.
  Status put(const char* entity, const std::string& id, const Fields& fields,
             const std::set<std::string>& scope) {
    const EntityDef& def = *storage::find_entity(entity);
    StoredRow row;
    row.id = id;
    for (const auto& c : def.columns) {
      auto it = fields.find(c.name);
      const bool present = it != fields.end() && !it->is_null();
      row.fields[c.name] = present ? *it : nlohmann::json();
      if (present) row.clocks[c.name] = clock_;
    }
    row.tx = clock_.tx;
    row.hlc = clock_.hlc;
    SIMPUL_TRY(tx_.write(def, row));
    for (const auto& f : scope) SIMPUL_TRY(tx_.add_scope(index_of(def), id, f));
    ++rows_;
    return {};
  }
  std::size_t rows() const { return rows_; }

 private:
  StoreTx& tx_;
  FieldClock clock_;
  std::size_t rows_ = 0;
};

nlohmann::json opt_date(const std::optional<Date>& d) { return d ? nlohmann::json(d->iso()) : nlohmann::json(); }

}  // namespace

Result<SeedSummary> seed_demo(Store& store, const Clock& clock, const demo::DemoData& data) {
  auto tx = store.write(clock.now_ms());
  if (!tx.ok()) return tx.error();
  StoreTx& t = **tx;
  auto existing = t.facility_summaries();
  if (!existing.ok()) return existing.error();
  if (!existing->empty()) {
    return make_error(ErrorKind::invalid, "seed.not_empty",
                      "this server database already holds facilities: seed a fresh one (simpul-server init)");
  }
  HybridClock hlc(clock, kSeedWriter);
  Loader load(t, FieldClock{hlc.now().encode(), kSeedWriter, t.tx()});
  SeedSummary summary;

  for (const auto& f : data.facilities) SIMPUL_TRY(load.put("facility", f.code, storage::to_fields(f), {}));

  // Scope: the FKTPs of every member of a family card.
  std::map<std::string, std::set<std::string>> family_fktps;
  for (const auto& p : data.participants) {
    if (!p.kk_number.empty() && !p.fktp.empty()) family_fktps[p.kk_number].insert(p.fktp);
  }
  std::vector<std::set<std::string>> scope(data.participants.size());
  std::int64_t max_card = 0;
  for (std::size_t i = 0; i < data.participants.size(); ++i) {
    const auto& p = data.participants[i];
    scope[i] = p.kk_number.empty() ? std::set<std::string>{} : family_fktps[p.kk_number];
    if (!p.fktp.empty()) scope[i].insert(p.fktp);
    SIMPUL_TRY(load.put("participant", p.id, storage::to_fields(p), scope[i]));
    try {
      max_card = std::max<std::int64_t>(max_card, std::stoll(p.card_number));
    } catch (const std::exception&) {
    }
  }
  for (const auto& k : data.kk_history) {
    SIMPUL_TRY(load.put("kk_history", k.id.text(),
                        Fields{{"participant_id", data.participants[k.participant].id},
                               {"kk_number", k.kk_number},
                               {"valid_from", k.valid_from.iso()},
                               {"valid_until", opt_date(k.valid_until)}},
                        scope[k.participant]));
  }
  for (const auto& b : data.bills) {
    SIMPUL_TRY(load.put("bill", b.id.text(),
                        Fields{{"participant_id", data.participants[b.participant].id},
                               {"period", demo::period_text(b)},
                               {"amount", b.amount},
                               {"due_date", b.due_date.iso()},
                               {"status", demo::status_text(b)}},
                        scope[b.participant]));
  }
  for (const auto& p : data.payments) {
    SIMPUL_TRY(load.put("payment", p.id.text(),
                        Fields{{"participant_id", data.participants[p.participant].id},
                               {"bill_id", data.bills[p.bill].id.text()},
                               {"paid_on", p.paid_on.iso()},
                               {"amount", p.amount},
                               {"channel", p.channel}},
                        scope[p.participant]));
  }
  for (const auto& v : data.visits) {
    const std::string facility = data.facilities[v.facility].code;
    std::set<std::string> where = scope[v.participant];
    where.insert(facility);
    SIMPUL_TRY(load.put("visit", v.id.text(),
                        Fields{{"participant_id", data.participants[v.participant].id},
                               {"facility", facility},
                               {"poli", v.poli},
                               {"day", v.day.iso()},
                               {"complaint", v.complaint},
                               {"vitals", demo::vitals_json(v.vitals)},
                               {"diagnoses", demo::diagnoses_json(v)},
                               {"outcome", demo::outcome_text(v)},
                               {"clinician", data.clinicians[v.clinician].name},
                               {"notes", v.notes}},
                        where));
  }
  for (const auto& c : data.civil_registry) {
    CivilPerson person{c.nik,
                       c.name,
                       c.birth_date.iso(),
                       sex_code(c.sex),
                       c.kk_number,
                       relation_code(c.relation),
                       c.address.street,
                       c.address.rt,
                       c.address.rw,
                       c.address.village_code,
                       c.address.postal_code,
                       c.in_jkn};
    SIMPUL_TRY(t.put_civil_person(person));
  }
  // New registrations are numbered after the demo's cards.
  if (max_card > 0) {
    auto n = t.next_counter("card_number", max_card);
    if (!n.ok()) return n.error();
  }
  // A hint per FKTP: someone in the civil registry who is not a participant yet.
  std::vector<const demo::CivilRecord*> unregistered;
  for (const auto& c : data.civil_registry) {
    if (!c.in_jkn) unregistered.push_back(&c);
  }
  std::size_t next_hint = 0;
  for (const auto& f : data.facilities) {
    if (!is_fktp(f.type) || next_hint >= unregistered.size()) continue;
    const auto* c = unregistered[next_hint++];
    summary.hints.push_back(SeedHint{f.code, c->nik, c->name, c->birth_date.iso()});
  }
  auto facilities = t.facility_summaries();
  if (!facilities.ok()) return facilities.error();
  summary.facilities = std::move(facilities).value();
  summary.participants = data.participants.size();
  summary.civil_registry = data.civil_registry.size();
  summary.rows = load.rows();
  SIMPUL_TRY(t.commit());
  return summary;
}

}  // namespace simpul::server
