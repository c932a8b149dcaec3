#include "changes.hpp"

#include <algorithm>
#include <array>

namespace simpul::scenario {
namespace {

struct Weighted {
  ChangeMaker::Kind kind;
  int weight;
};
constexpr std::array<Weighted, 7> kWeights = {{
    {ChangeMaker::Kind::edit_participant, 30},
    {ChangeMaker::Kind::queue_update, 20},
    {ChangeMaker::Kind::queue_create, 15},
    {ChangeMaker::Kind::register_known, 9},
    {ChangeMaker::Kind::register_unknown, 5},
    {ChangeMaker::Kind::remove, 7},
    {ChangeMaker::Kind::register_poison, 3},
}};

const std::array<std::string, 3> kContactFields = {"phone", "email", "street"};
const std::array<std::string, 4> kQueueStates = {"called", "serving", "done", "skipped"};

}  // namespace

bool tracked_field(const std::string& entity, const std::string& field) {
  if (entity == "participant") return field == "phone" || field == "email" || field == "street";
  if (entity == "queue_entry") return field == "complaint";
  return false;
}

const char* ChangeMaker::name(Kind kind) {
  switch (kind) {
    case Kind::register_known: return "register";
    case Kind::register_unknown: return "register-unknown";
    case Kind::register_poison: return "register-poison";
    case Kind::edit_participant: return "edit";
    case Kind::remove: return "delete";
    case Kind::queue_create: return "queue";
    case Kind::queue_update: return "queue-update";
  }
  return "?";
}

ChangeMaker::ChangeMaker(std::uint64_t seed, std::vector<std::string> hot, std::vector<CivilPerson> people)
    : rng_(seed), hot_(std::move(hot)), people_(std::move(people)) {}

ChangeMaker::Kind ChangeMaker::pick() {
  int total = 0;
  for (const auto& w : kWeights) total += w.weight;
  auto roll = static_cast<int>(uniform(static_cast<std::uint64_t>(total)));
  for (const auto& w : kWeights) {
    if (roll < w.weight) return w.kind;
    roll -= w.weight;
  }
  return Kind::edit_participant;
}

std::vector<std::string> ChangeMaker::random(Desk& desk, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(make(desk, pick()));
  return out;
}

std::string ChangeMaker::make(Desk& desk, Kind kind) {
  switch (kind) {
    case Kind::register_known:
    case Kind::register_unknown:
    case Kind::register_poison: return register_person(desk, kind);
    case Kind::edit_participant: return edit_participant(desk);
    case Kind::remove: return remove_something(desk);
    case Kind::queue_create: return queue_create(desk);
    case Kind::queue_update: return queue_update(desk);
  }
  return {};
}

std::string ChangeMaker::unique(const std::string& desk) { return desk + "-" + std::to_string(++counter_); }

std::string ChangeMaker::random_id(Desk& desk, const std::string& table, const std::string& where) {
  const std::string filter = where.empty() ? "" : " WHERE " + where;
  const std::int64_t n = desk.count("SELECT count(*) FROM " + table + filter);
  if (n <= 0) return {};
  const auto k = uniform(static_cast<std::uint64_t>(n));
  const auto ids = desk.texts("SELECT id FROM " + table + filter + " ORDER BY id LIMIT 1 OFFSET " + std::to_string(k));
  return ids.empty() ? std::string() : ids.front();
}

std::string ChangeMaker::edit_participant(Desk& desk) {
  std::string id;
  if (!hot_.empty() && chance(0.6)) {
    const std::string& candidate = hot_[uniform(hot_.size())];
    if (desk.load("participant", candidate)) id = candidate;
  }
  if (id.empty()) id = random_id(desk, "participants");
  if (id.empty()) return queue_create(desk);
  Fields f = Fields::object();
  const std::size_t first = uniform(kContactFields.size());
  const std::size_t n = chance(0.3) ? 2 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& field = kContactFields[(first + i) % kContactFields.size()];
    const std::string tag = unique(desk.name());
    if (field == "phone") f[field] = "+62813" + std::to_string(10'000'000 + counter_);
    else if (field == "email") f[field] = tag + "@example.id";
    else f[field] = "Jl. " + tag;
  }
  desk.upsert("participant", id, f);
  return "edit participant " + id + " " + f.dump();
}

std::string ChangeMaker::register_person(Desk& desk, Kind kind) {
  const std::string id = "p-" + unique(desk.name());
  const std::string phone = "+62814" + std::to_string(10'000'000 + counter_);
  CivilPerson person;
  std::string what;
  if (kind == Kind::register_known) {
    std::vector<const CivilPerson*> free;
    for (const auto& p : people_) {
      // The desk's form would open the existing record instead of registering the NIK again.
      if (desk.count("SELECT count(*) FROM participants WHERE nik = '" + p.nik + "'") == 0) free.push_back(&p);
    }
    if (free.empty()) return register_person(desk, Kind::register_unknown);
    person = *free[uniform(free.size())];
    what = "register " + person.nik;
    if (chance(0.2)) {
      person.name += " Salah";  // not as on the KTP: Dukcapil does not match it
      what += " (misspelt name)";
    }
  } else {
    person.nik = "3299";
    for (int i = 0; i < 12; ++i) person.nik += static_cast<char>('0' + uniform(10));
    person.name = "Orang " + id;
    person.birth_date = "1990-05-05";
    person.sex = "L";
    person.kk_number = "3299" + person.nik.substr(4);
    what = "register unknown " + person.nik;
  }
  Fields f = registration(person, desk.facility(), phone);
  if (kind == Kind::register_poison) {
    switch (uniform(3)) {
      case 0: f["class"] = 9; what = "register poison (class 9)"; break;
      case 1: f["nik"] = "3204-BAD"; what = "register poison (malformed NIK)"; break;
      default: f["birth_date"] = "1990-13-45"; what = "register poison (impossible birth date)"; break;
    }
  }
  desk.upsert("participant", id, f);
  return what + " as " + id;
}

std::string ChangeMaker::remove_something(Desk& desk) {
  std::string entity = "queue_entry";
  std::string id;
  const auto roll = uniform(10);
  if (roll < 6) {
    id = random_id(desk, "queue_entries");
  } else if (roll < 9) {
    entity = "participant";
    id = random_id(desk, "participants", "id LIKE 'p-%'");
  } else {
    entity = "participant";
    id = random_id(desk, "participants");
  }
  if (id.empty()) return queue_create(desk);
  desk.remove(entity, id);
  return "delete " + entity + " " + id;
}

std::string ChangeMaker::queue_create(Desk& desk) {
  const std::string tag = unique(desk.name());
  const std::string id = "q-" + tag;
  Fields f{{"facility", desk.facility()},
           {"poli", "001"},
           {"day", "2026-02-0" + std::to_string(1 + uniform(9))},
           {"number", "A-" + std::to_string(counter_)},
           {"seq_no", static_cast<std::int64_t>(counter_)},
           {"state", "waiting"},
           {"complaint", "keluhan " + tag}};
  if (chance(0.5)) {
    const std::string who = random_id(desk, "participants");
    if (!who.empty()) f["participant_id"] = who;
  }
  desk.upsert("queue_entry", id, f);
  return "queue " + id;
}

std::string ChangeMaker::queue_update(Desk& desk) {
  const std::string id = random_id(desk, "queue_entries");
  if (id.empty()) return queue_create(desk);
  const std::string tag = unique(desk.name());
  Fields f{{"state", kQueueStates[uniform(kQueueStates.size())]}, {"complaint", "keluhan " + tag}};
  desk.upsert("queue_entry", id, f);
  return "queue-update " + id + " " + f.dump();
}

}  // namespace simpul::scenario
