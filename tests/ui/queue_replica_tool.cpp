// ui_queue_replica: a small synthetic replica with a morning's queue, for the screenshots of the kiosk, the board,
// the desk panel and the poli caller (tests/ui/queue_screenshot.sh, docs/screenshots). Today by the system clock;
// the polis are open all day and every day so it works at any time. All names and numbers are made up.
//
// usage: ui_queue_replica DB [PASSWORD]
//   creates DB (must not exist) with facility 1004P012 "Puskesmas Soreang" as its queue facility, users admin
//   (admin), rina (registration) and perawat (clinician) with PASSWORD (default demo-sandi-1), 14 participants and
//   today's queue at three polis with some calls. Prints "participant ID NAME" for each participant.
#include <cstdio>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/queue.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/users.hpp"

using namespace simpul;

namespace {

struct Person {
  const char* nik;
  const char* card;
  const char* name;
  Date birth;
  Sex sex;
};

const Person kPeople[] = {
    {"3204104506900001", "0001234567890", "Siti Rahma", {1990, 6, 5}, Sex::female},
    {"3204101203500002", "0001234567891", "Budi Santoso", {1950, 3, 12}, Sex::male},
    {"3204105708850003", "0001234567892", "Dewi Lestari", {1985, 8, 17}, Sex::female},
    {"3204100101780004", "0001234567893", "Agus Setiawan", {1978, 1, 1}, Sex::male},
    {"3204106211920005", "0001234567894", "Rina Marlina", {1992, 11, 22}, Sex::female},
    {"3204101504600006", "0001234567895", "Ujang Sutisna", {1960, 4, 15}, Sex::male},
    {"3204104303230007", "0001234567896", "Aisyah Putri", {2023, 3, 3}, Sex::female},
    {"3204102009880008", "0001234567897", "Dedi Kurniawan", {1988, 9, 20}, Sex::male},
    {"3204105012700009", "0001234567898", "Euis Kartika", {1970, 12, 10}, Sex::female},
    {"3204100707950010", "0001234567899", "Asep Hidayat", {1995, 7, 7}, Sex::male},
    {"3204106402990011", "0001234567900", "Neneng Suryani", {1999, 2, 24}, Sex::female},
    {"3204101110450012", "0001234567901", "Cecep Gunawan", {1945, 10, 11}, Sex::male},
    {"3204104805010013", "0001234567902", "Yanti Nurhayati", {2001, 5, 8}, Sex::female},
    {"3204102506830014", "0001234567903", "Hendra Wijaya", {1983, 6, 25}, Sex::male},
};

int fail(const std::string& what) {
  std::fprintf(stderr, "ui_queue_replica: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) return fail("usage: ui_queue_replica DB [PASSWORD]");
  const std::string path = argv[1];
  const std::string password = argc == 3 ? argv[2] : "demo-sandi-1";
  if (std::filesystem::exists(path)) return fail(path + " exists");
  auto opened = storage::Replica::open(path, SystemClock::instance());
  if (!opened.ok()) return fail(opened.error().message);
  storage::Replica& r = **opened;
  const storage::Actor system = storage::Actor::system();

  Facility f;
  f.code = "1004P012";
  f.type = FacilityType::puskesmas;
  f.name = "Puskesmas Soreang";
  f.polis = {Poli{"001", "Umum", "A", 0, 24 * 60, 80}, Poli{"002", "Gigi", "B", 0, 24 * 60, 20},
             Poli{"003", "KIA", "C", 0, 24 * 60, 40}};
  if (auto s = storage::Facilities(r).put(system, f); !s.ok()) return fail(s.error().message);
  if (auto s = r.set_setting("queue.facility", f.code); !s.ok()) return fail(s.error().message);

  for (auto [username, name, role] : {std::tuple{"admin", "Admin Puskesmas", Role::admin},
                                      std::tuple{"rina", "Rina (loket)", Role::registration},
                                      std::tuple{"perawat", "Ns. Wulan (poli umum)", Role::clinician}}) {
    User u;
    u.username = username;
    u.display_name = name;
    u.role = role;
    if (auto id = storage::Users(r).create(system, u, password); !id.ok()) return fail(id.error().message);
  }

  std::vector<std::string> ids;
  for (const Person& person : kPeople) {
    Participant p;
    p.nik = person.nik;
    p.card_number = person.card;
    p.name = person.name;
    p.birth_date = person.birth;
    p.sex = person.sex;
    p.kk_number = "3204101201150003";
    p.address.village_code = "3204102001";
    p.fktp = f.code;
    auto id = storage::Participants(r).create(system, p);
    if (!id.ok()) return fail(id.error().message);
    ids.push_back(*id);
    std::printf("participant %s %s\n", id->c_str(), person.name);
  }

  // Open every day, so the tool works on a Sunday too (the app itself keeps the default week: Sunday closed).
  storage::QueueOptions options;
  options.booking.schedule.open_days.fill(true);
  storage::Queue queue(r, options);
  std::vector<queue::QueueEntry> entries;
  // (person index, poli, source): the morning so far. People are skipped from 0 on for Siti, who comes to the
  // kiosk in the screenshots.
  const std::tuple<int, const char*, queue::Source> kTaken[] = {
      {1, "001", queue::Source::kiosk},  {2, "001", queue::Source::kiosk}, {3, "001", queue::Source::desk},
      {5, "001", queue::Source::kiosk},  {7, "001", queue::Source::mobile_jkn}, {8, "001", queue::Source::kiosk},
      {9, "001", queue::Source::kiosk},  {11, "001", queue::Source::desk}, {13, "001", queue::Source::kiosk},
      {4, "002", queue::Source::kiosk},  {10, "002", queue::Source::desk}, {6, "003", queue::Source::desk},
      {12, "003", queue::Source::kiosk},
  };
  for (const auto& [who, poli, source] : kTaken) {
    const Person& person = kPeople[who];
    storage::NewQueueEntry request;
    request.poli = poli;
    request.day = queue.today();
    request.card_number = person.card;
    request.participant_id = ids[static_cast<std::size_t>(who)];
    request.priority = queue::classify(person.birth, queue.today(), false, false);
    request.source = source;
    auto outcome = queue.add(system, request);
    if (!outcome.ok()) return fail(outcome.error().message);
    if (!outcome->accepted()) return fail(outcome->refusals.front().en);
    entries.push_back(outcome->ticket.entry);
  }
  auto step = [&](std::size_t i, queue::QueueEventKind kind) {
    auto outcome = queue.record(system, entries[i].id, kind);
    return outcome.ok() && outcome->accepted();
  };
  using K = queue::QueueEventKind;
  // Umum: three served, one in the room, one at the door; gigi: one at the door; KIA: one skipped, one served.
  const std::pair<std::size_t, K> kMoves[] = {
      {0, K::call}, {0, K::serve}, {0, K::done}, {1, K::call}, {1, K::serve}, {1, K::done},
      {2, K::call}, {2, K::serve}, {3, K::call}, {9, K::call}, {11, K::call}, {11, K::skip},
      {12, K::call}, {12, K::serve},
  };
  for (const auto& [i, kind] : kMoves)
    if (!step(i, kind)) return fail("cannot record " + std::string(queue::event_code(kind)));
  return 0;
}
