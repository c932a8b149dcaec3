// Numbering with several offline devices: three real replicas enrolled against a real server on
// 127.0.0.1 (each gets its own slot), issuing tickets and calling patients for the same polis and days
// while Mobile JKN books through the server, syncing in a seeded random order. No number may repeat on
// the server or on any replica, and every node must end with the same entries, states and order.
#include <algorithm>
#include <random>
#include <set>

#include "queue_fixture.hpp"

namespace simpul::queue_test {
namespace {

using queue::QueueEventKind;
using storage::Actor;

class QueueNumbering : public QueueServerFixture {};

// One node's view of a poli's day: the service order (ids of waiting entries) and every entry's state.
struct View {
  std::vector<std::string> order;
  std::map<std::string, std::string> states;  // id -> state
  std::map<std::string, std::string> numbers;  // id -> number
  bool operator==(const View&) const = default;
};

View view_of(std::vector<queue::QueueEntry> entries) {
  View v;
  for (const auto& e : queue::service_order(entries)) v.order.push_back(e.id);
  for (const auto& e : entries) {
    v.states[e.id] = queue::state_code(e.state);
    v.numbers[e.id] = e.number;
  }
  return v;
}

View replica_view(Desk& d, const std::string& poli, const Date& day) {
  auto items = d.queue().list(day, poli);
  EXPECT_TRUE(items.ok()) << items.error().message;
  std::vector<queue::QueueEntry> entries;
  for (const auto& i : *items) entries.push_back(i.entry);
  return view_of(entries);
}

void expect_unique_numbers(const std::map<std::string, std::string>& numbers, const std::string& where) {
  std::set<std::string> seen;
  for (const auto& [id, number] : numbers) {
    EXPECT_FALSE(number.empty()) << where << ": entry " << id << " has no number";
    EXPECT_TRUE(seen.insert(number).second) << where << ": number " << number << " issued twice";
  }
}

TEST_F(QueueNumbering, ThreeOfflineDevicesAndTheServerNeverIssueTheSameNumber) {
  set_credentials();
  std::vector<std::unique_ptr<Desk>> desks;
  for (const char* name : {"kiosk", "desk", "laptop"}) desks.push_back(enroll_desk(name));
  std::set<int> slots;
  for (auto& d : desks) {
    auto s = d->queue().slot();
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_GE(*s, queue::kFirstDeviceSlot);
    EXPECT_LE(*s, queue::kLastDeviceSlot);
    slots.insert(*s);
  }
  EXPECT_EQ(slots.size(), 3u) << "each device has its own slot";

  const std::string tok = token();
  std::mt19937 rng(20260105);
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  const std::vector<std::string> polis = {"001", "003"};
  const std::vector<Date> days = {kMonday, kMonday.add_days(1), kMonday.add_days(2)};
  int issued = 0, booked = 0, events = 0, next_card = 1;
  for (int round = 0; round < 30; ++round) {
    for (auto& d : desks) {
      const int n = std::uniform_int_distribution<int>(0, 5)(rng);
      for (int i = 0; i < n; ++i) {
        storage::NewQueueEntry e;
        e.poli = polis[std::uniform_int_distribution<std::size_t>(0, polis.size() - 1)(rng)];
        e.day = days[std::uniform_int_distribution<std::size_t>(0, days.size() - 1)(rng)];
        e.source = d->name == "kiosk" ? queue::Source::kiosk : queue::Source::desk;
        e.priority = chance(20) ? queue::Priority::priority : queue::Priority::regular;
        auto out = d->queue().add(Actor::system(), e);
        ASSERT_TRUE(out.ok()) << out.error().message;
        if (out->accepted()) ++issued;
      }
      // The poli calls, serves and finishes whoever is first in its own (possibly stale) view.
      if (chance(40)) {
        auto items = d->queue().list(kMonday, "001");
        ASSERT_TRUE(items.ok());
        for (const auto& item : *items) {
          const auto allowed = queue::allowed_events(item.entry.state);
          if (allowed.empty() || !chance(30)) continue;
          const auto kind = allowed[std::uniform_int_distribution<std::size_t>(0, allowed.size() - 1)(rng)];
          auto ev = d->queue().record(Actor::system(), item.entry.id, kind);
          ASSERT_TRUE(ev.ok()) << ev.error().message;
          if (ev->accepted()) ++events;
        }
      }
    }
    // Mobile JKN books through the server, for a new patient each time.
    if (chance(60)) {
      const std::string c = "0009" + std::to_string(100000000 + next_card++);
      auto reg = ws("POST", std::string("/jkn/") + kFacility + "/peserta", session(tok),
                    {{"nomorkartu", c}, {"nik", "3204100506" + std::to_string(800000 + next_card)},
                     {"nomorkk", "3204101201150099"}, {"nama", "Pasien Mobile"}, {"jeniskelamin", "P"},
                     {"tanggallahir", "1990-01-01"}, {"alamat", "Jl. Mawar"}});
      ASSERT_EQ(reg.code(), 200) << reg.body.dump();
      auto r = take(tok, c, polis[static_cast<std::size_t>(next_card) % polis.size()],
                    days[static_cast<std::size_t>(next_card) % days.size()]);
      ASSERT_TRUE(r.code() == 200 || r.message() == "Kuota penuh") << r.body.dump();
      if (r.code() == 200) ++booked;
    }
    // Devices come online in a random order, some not at all this round.
    std::vector<std::size_t> order = {0, 1, 2};
    std::shuffle(order.begin(), order.end(), rng);
    for (const auto i : order) {
      if (chance(35)) desks[i]->sync();
    }
    clock.advance_ms(std::uniform_int_distribution<std::int64_t>(1, 90)(rng) * 1000);
  }
  // Everyone online at the end: twice round, so the last device's changes reach the first.
  for (int pass = 0; pass < 2; ++pass) {
    for (auto& d : desks) d->sync();
  }
  std::printf("[ figures  ] %d tickets from 3 devices, %d Mobile JKN bookings, %d calls/services\n", issued, booked,
              events);
  EXPECT_GT(issued, 100);
  EXPECT_GT(booked, 5);

  int on_server = 0;
  for (const auto& day : days) {
    const auto server = server_entries(day);
    for (const auto& poli : polis) {
      std::vector<queue::QueueEntry> mine;
      for (const auto& e : server) {
        if (e.poli == poli) mine.push_back(e);
      }
      on_server += static_cast<int>(mine.size());
      const View want = view_of(mine);
      expect_unique_numbers(want.numbers, "server " + poli + " " + day.iso());
      for (auto& d : desks) {
        SCOPED_TRACE(d->name + " " + poli + " " + day.iso());
        const View got = replica_view(*d, poli, day);
        expect_unique_numbers(got.numbers, d->name);
        EXPECT_EQ(got.numbers, want.numbers);
        EXPECT_EQ(got.order, want.order) << "the same service order everywhere";
        EXPECT_EQ(got.states, want.states) << "the same replayed states everywhere";
      }
    }
  }
  EXPECT_EQ(on_server, issued + booked);
  // Every number tells who issued it: slots 1–3 for the devices, 9 for Mobile JKN.
  for (const auto& day : days) {
    for (const auto& e : server_entries(day)) {
      const auto parsed = queue::parse_number(e.number);
      ASSERT_TRUE(parsed.has_value()) << e.number;
      EXPECT_EQ(parsed->slot == queue::kServerSlot, e.source == queue::Source::mobile_jkn) << e.number;
      if (e.source != queue::Source::mobile_jkn) {
        EXPECT_EQ(slots.count(parsed->slot), 1u) << e.number;
      }
    }
  }
  // The cached state column agrees with the events once everything has synced.
  for (auto& d : desks) {
    auto changed = d->queue().refresh_states(kMonday);
    ASSERT_TRUE(changed.ok());
    EXPECT_EQ(*changed, 0) << d->name;
  }
}

TEST_F(QueueNumbering, ARevokedDevicesSlotPassesToADeviceThatHadNone) {
  auto a = enroll_desk("kiosk");
  auto b = enroll_desk("desk");
  // Six more issuing devices take slots 3–8 (enrolled without a replica of their own).
  std::vector<std::string> others;
  for (int i = 0; i < 6; ++i) {
    auto code = service->create_enroll_code(kFacility);
    ASSERT_TRUE(code.ok());
    auto r = service->enroll(sync::EnrollRequest{kFacility, *code, "install-" + std::to_string(i), "extra"});
    ASSERT_TRUE(r.ok()) << r.error().message;
    others.push_back(r->device_id);
  }
  auto late = enroll_desk("laptop");
  auto none = late->queue().add(Actor::system(), storage::NewQueueEntry{"001", kMonday, "", "", {}, {}, ""});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "queue.no_slot");

  const int b_slot = *b->queue().slot();
  storage::NewQueueEntry t{"001", kMonday, "", "", queue::Priority::regular, queue::Source::desk, ""};
  ASSERT_TRUE(b->queue().add(Actor::system(), t)->accepted());
  ASSERT_TRUE(b->queue().add(Actor::system(), t)->accepted());
  b->sync();
  ASSERT_TRUE(service->revoke_device(b->replica->device().device_id).ok());
  late->sync();
  ASSERT_EQ(*late->queue().slot(), b_slot) << "the revoked device can never push again: its slot is free";
  auto next = late->queue().add(Actor::system(), t);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->ticket.entry.number, queue::format_number("A", b_slot, 3)) << "continues after the synced ones";
  a->sync();
  EXPECT_EQ(*a->queue().slot(), 1);
}

TEST_F(QueueNumbering, ADeviceEnrolledBeforeSlotsExistedGetsOneOnItsNextPull) {
  auto desk = enroll_desk("desk");
  const std::string id = desk->replica->device().device_id;
  // As an older server left it: no slot row, on the server or the device.
  {
    auto db = storage::Database::open((dir->path() / "server.db").string());
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("DELETE FROM queue_slots").ok());
  }
  ASSERT_TRUE(desk->replica->db().exec("DELETE FROM queue_slots").ok());
  EXPECT_EQ(desk->queue().slot().error().code, "queue.slot_pending");
  // A server process that has not seen the device since it started writes the row on its first pull.
  server::SyncService restarted(*store, clock);
  sync::PullRequest req;
  req.cursor = *service->last_tx();
  ASSERT_TRUE(restarted.pull(server::AuthedDevice{id, kFacility}, req).ok());
  desk->sync();
  EXPECT_EQ(*desk->queue().slot(), 1);
}

}  // namespace
}  // namespace simpul::queue_test
