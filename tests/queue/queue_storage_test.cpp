// The queue repository on one replica: numbers, booking refusals, transitions as append-only events,
// states replayed from events that arrive from other devices, the board, and the device's slot.
#include "queue_fixture.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/storage/outbox.hpp"

namespace simpul::queue_test {
namespace {

using queue::QueueEventKind;
using queue::QueueState;
using storage::Actor;
using storage::NewQueueEntry;
using storage::Queue;

class QueueStorage : public ::testing::Test {
 protected:
  void SetUp() override { local = local_replica(clock); }

  storage::Replica& r() { return *local.replica; }

  NewQueueEntry ticket(const std::string& c, const std::string& poli = "001", Date day = kMonday) {
    NewQueueEntry e;
    e.poli = poli;
    e.day = day;
    e.card_number = c;
    e.source = queue::Source::kiosk;
    return e;
  }

  storage::QueueItem add(const NewQueueEntry& e) {
    auto out = Queue(r()).add(Actor::system(), e);
    EXPECT_TRUE(out.ok()) << out.error().message;
    EXPECT_TRUE(out->accepted()) << (out->refusals.empty() ? "" : out->refusals[0].code);
    return out->ticket;
  }

  std::vector<std::string> refusal_codes(const NewQueueEntry& e) {
    auto out = Queue(r()).add(Actor::system(), e);
    EXPECT_TRUE(out.ok()) << out.error().message;
    return rules::codes_of(out->refusals);
  }

  std::string event(const std::string& id, QueueEventKind kind) {
    auto out = Queue(r()).record(Actor{"u-1", "perawat"}, id, kind);
    EXPECT_TRUE(out.ok()) << out.error().message;
    return out->refusals.empty() ? "" : out->refusals[0].code;
  }

  std::int64_t count(const std::string& sql) { return r().db().query_int(sql)->value_or(-1); }

  ManualClock clock{kMonday0700};
  LocalReplica local;
};

TEST_F(QueueStorage, AnUnenrolledDeviceIssuesSlotZeroNumbersWithPeopleAheadAndWait) {
  EXPECT_EQ(*Queue(r()).slot(), queue::kUnenrolledSlot);
  auto a = add(ticket(card(1)));
  auto b = add(ticket(card(2)));
  auto c = add(ticket(""));  // a patient without a JKN card
  EXPECT_EQ(a.entry.number, "A-001");
  EXPECT_EQ(b.entry.number, "A-002");
  EXPECT_EQ(c.entry.number, "A-003");
  EXPECT_EQ(c.entry.seq_no, 3);
  EXPECT_EQ(a.people_ahead, 0);
  EXPECT_EQ(b.people_ahead, 1);
  EXPECT_EQ(c.people_ahead, 2);
  EXPECT_EQ(c.estimated_wait_minutes, 20);  // poli umum's planning pace: 10 minutes a patient
  EXPECT_EQ(a.entry.participant_id, "") << "no participant with that card on this replica";
  EXPECT_EQ(a.entry.source, queue::Source::kiosk);
  EXPECT_EQ(a.entry.facility, kFacility);
  EXPECT_FALSE(a.entry.arrival_hlc.empty());
  // Another poli counts on its own, with its own letter.
  EXPECT_EQ(add(ticket(card(1), "003")).entry.number, "C-001");
  // Every entry is a synced row: one upsert op each.
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE entity = 'queue_entry' AND kind = 'upsert'"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM queue_issued"), 4);
}

TEST_F(QueueStorage, RefusesDuplicateBackDatedClosedFullAndUnknownBookingsWithoutWritingAnything) {
  add(ticket(card(1)));
  EXPECT_EQ(refusal_codes(ticket(card(1))), std::vector<std::string>{"booking.duplicate"});
  EXPECT_TRUE(refusal_codes(ticket(card(1), "003")).empty()) << "another poli is another booking";
  EXPECT_EQ(refusal_codes(ticket(card(2), "001", kMonday.add_days(-1))), std::vector<std::string>{"booking.back_dated"});
  EXPECT_EQ(refusal_codes(ticket(card(2), "001", kSunday)), std::vector<std::string>{"booking.closed_day"});
  // Poli gigi takes two a day.
  add(ticket(card(3), "002"));
  add(ticket(card(4), "002"));
  EXPECT_EQ(refusal_codes(ticket(card(5), "002")), std::vector<std::string>{"booking.quota_full"});
  EXPECT_EQ(refusal_codes(ticket(card(5), "099")), std::vector<std::string>{"queue.unknown_poli"});
  auto bad_card = Queue(r()).add(Actor::system(), ticket("12345"));
  ASSERT_TRUE(bad_card.ok());
  ASSERT_FALSE(bad_card->accepted());
  EXPECT_EQ(bad_card->refusals[0].field, "card_number");
  // After closing time the same day is refused; tomorrow is fine.
  clock.advance_ms(7 * kHourMs + 30 * kMinuteMs);  // 14:30 WIB
  EXPECT_EQ(refusal_codes(ticket(card(6))), std::vector<std::string>{"booking.after_hours"});
  EXPECT_TRUE(refusal_codes(ticket(card(6), "001", kMonday.add_days(1))).empty());
  EXPECT_EQ(count("SELECT count(*) FROM queue_entries"), 5);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE entity = 'queue_entry'"), 5);
}

TEST_F(QueueStorage, TransitionsAreAppendOnlyEventsAndTheStateMachineRefusesTheRest) {
  const std::string id = add(ticket(card(1))).entry.id;
  EXPECT_EQ(event(id, QueueEventKind::serve), "queue.not_called");
  EXPECT_EQ(event(id, QueueEventKind::recall), "queue.not_called");
  EXPECT_EQ(event(id, QueueEventKind::call), "");
  EXPECT_EQ(event(id, QueueEventKind::call), "queue.already_called");
  EXPECT_EQ(event(id, QueueEventKind::recall), "");
  EXPECT_EQ(event(id, QueueEventKind::skip), "");
  EXPECT_EQ(event(id, QueueEventKind::serve), "queue.call_again_first");
  EXPECT_EQ(event(id, QueueEventKind::call), "");
  EXPECT_EQ(event(id, QueueEventKind::serve), "");
  EXPECT_EQ(event(id, QueueEventKind::cancel), "queue.cancel_after_service");
  EXPECT_EQ(event(id, QueueEventKind::done), "");
  EXPECT_EQ(event(id, QueueEventKind::done), "queue.already_done");
  EXPECT_EQ((*Queue(r()).get(id))->state, QueueState::done);
  EXPECT_EQ(count("SELECT count(*) FROM queue_events WHERE entry_id = '" + id + "'"), 6);
  EXPECT_EQ(count("SELECT count(*) FROM queue_entries WHERE state = 'done'"), 1) << "the cached state follows";
  // The events sync; the cached state does not (every node derives it from the events).
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE entity = 'queue_event'"), 6);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE entity = 'queue_entry'"), 1);
  // Facts are never edited in place.
  auto edit = r().upsert(Actor::system(), "queue_event",
                         *r().db().query_text("SELECT id FROM queue_events LIMIT 1").value(),
                         {{"event", "cancel"}});
  EXPECT_FALSE(edit.ok());

  // A no-show is final; a skipped entry can still be cancelled.
  const std::string other = add(ticket(card(2))).entry.id;
  EXPECT_EQ(event(other, QueueEventKind::call), "");
  EXPECT_EQ(event(other, QueueEventKind::skip), "");
  EXPECT_EQ(event(other, QueueEventKind::cancel), "");
  EXPECT_EQ(event(other, QueueEventKind::call), "queue.already_cancelled");
  const std::string absent = add(ticket(card(3))).entry.id;
  EXPECT_EQ(event(absent, QueueEventKind::call), "");
  EXPECT_EQ(event(absent, QueueEventKind::no_show), "");
  EXPECT_EQ(event(absent, QueueEventKind::cancel), "queue.already_no_show");
  auto missing = Queue(r()).record(Actor::system(), "no-such-entry", QueueEventKind::call);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

TEST_F(QueueStorage, ACancelledBookingFreesTheCardButItsNumberIsNeverReused) {
  const auto first = add(ticket(card(1)));
  EXPECT_EQ(event(first.entry.id, QueueEventKind::cancel), "");
  const auto again = add(ticket(card(1)));
  EXPECT_EQ(again.entry.number, "A-002");
  // Rows that vanish (a client reset drops unsynced rows it cannot keep) do not free their numbers:
  // the ledger of issued numbers does not forget.
  ASSERT_TRUE(r().db().exec("DELETE FROM queue_events; DELETE FROM queue_entries").ok());
  EXPECT_EQ(add(ticket(card(2))).entry.number, "A-003");
  // The ledger's key is the safety net: the same number twice is refused by the database.
  auto dup = r().db().exec("INSERT INTO queue_issued VALUES ('" + std::string(kFacility) +
                           "', '001', '2026-01-05', 'A-003', 'x', 0)");
  EXPECT_FALSE(dup.ok());
}

TEST_F(QueueStorage, EventsFromOtherDevicesResolveByReplayNotByWhoWroteLast) {
  const std::string id = add(ticket(card(1))).entry.id;
  clock.advance_ms(5 * kMinuteMs);
  EXPECT_EQ(event(id, QueueEventKind::call), "");
  // Meanwhile the desk (offline) had cancelled it two minutes earlier; that event arrives by sync.
  const std::int64_t earlier = clock.now_ms() - 2 * kMinuteMs;
  const storage::Fields remote = {{"entry_id", id}, {"event", "cancel"}, {"at_ms", earlier}, {"device", "desk-2"}};
  ASSERT_TRUE(r().apply_remote("queue_event", "ev-remote-1", &remote).ok());
  EXPECT_EQ((*Queue(r()).get(id))->state, QueueState::cancelled) << "reads replay the events";
  EXPECT_EQ(count("SELECT count(*) FROM queue_entries WHERE state = 'called'"), 1) << "the cache is stale";
  EXPECT_EQ(*Queue(r()).refresh_states(kMonday), 1);
  EXPECT_EQ(count("SELECT count(*) FROM queue_entries WHERE state = 'cancelled'"), 1);
  EXPECT_EQ(*Queue(r()).refresh_states(kMonday), 0);
  // An event kind this build does not know (a newer device's) is ignored, not fatal.
  const storage::Fields future = {{"entry_id", id}, {"event", "teleport"}, {"at_ms", earlier + 1}};
  ASSERT_TRUE(r().apply_remote("queue_event", "ev-remote-2", &future).ok());
  EXPECT_EQ((*Queue(r()).get(id))->state, QueueState::cancelled);
}

TEST_F(QueueStorage, ListAndBoardShowServiceOrderCallsAndTheWait) {
  std::vector<std::string> ids;
  for (int n = 1; n <= 5; ++n) {
    ids.push_back(add(ticket(card(n))).entry.id);
    clock.advance_ms(kMinuteMs);
  }
  // An elderly patient (B) arriving later is placed as if 30 minutes earlier: first in line.
  auto elderly = ticket(card(6));
  elderly.priority = queue::Priority::priority;
  const std::string b = add(elderly).entry.id;
  EXPECT_EQ(event(ids[0], QueueEventKind::call), "");
  clock.advance_ms(kMinuteMs);
  EXPECT_EQ(event(ids[1], QueueEventKind::call), "");
  EXPECT_EQ(event(ids[1], QueueEventKind::serve), "");

  auto list = Queue(r()).list(kMonday, "001");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 6u);
  EXPECT_EQ((*list)[0].entry.id, b);
  EXPECT_EQ((*list)[0].people_ahead, 1) << "the patient at the door is ahead";
  EXPECT_EQ((*list)[1].entry.number, "A-003");
  EXPECT_EQ((*list)[1].people_ahead, 2);
  EXPECT_EQ((*list)[4].entry.state, QueueState::called);
  EXPECT_EQ((*list)[5].entry.state, QueueState::serving);

  auto board = Queue(r()).board("001", kMonday);
  ASSERT_TRUE(board.ok());
  EXPECT_EQ(board->summary.total, 6);
  EXPECT_EQ(board->summary.remaining, 5);  // 4 waiting + 1 called
  EXPECT_EQ(board->summary.called_number, "A-002");
  EXPECT_EQ(board->recent_calls, (std::vector<std::string>{"A-002", "A-001"}));
  ASSERT_EQ(board->waiting.size(), 4u);
  EXPECT_EQ(board->waiting[0].entry.id, b);
  ASSERT_EQ(board->called.size(), 1u);
  EXPECT_EQ(board->called[0].entry.number, "A-001");
  EXPECT_EQ(board->estimated_wait_minutes, 50);

  auto events = Queue(r()).events(kMonday, "001");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].kind, QueueEventKind::call);
  EXPECT_EQ((*events)[2].kind, QueueEventKind::serve);
  EXPECT_TRUE(Queue(r()).events(kMonday, "003")->empty());

  auto found = Queue(r()).by_number("001", kMonday, "A-004");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, ids[3]);
  EXPECT_FALSE(Queue(r()).by_number("001", kMonday, "A-404")->has_value());
}

TEST_F(QueueStorage, AnEnrolledDeviceIssuesOnlyFromTheSlotTheServerGaveIt) {
  storage::DeviceInfo info = r().device();
  info.device_id = "dev-1";
  info.facility = kFacility;
  info.server_url = "http://127.0.0.1:1";
  ASSERT_TRUE(r().save_enrollment(info, "token").ok());
  auto pending = Queue(r()).add(Actor::system(), ticket(card(1)));
  ASSERT_FALSE(pending.ok());
  EXPECT_EQ(pending.error().code, "queue.slot_pending");

  storage::Fields none = {{"facility", kFacility}, {"slot", nullptr}};
  ASSERT_TRUE(r().apply_remote("queue_slot", "dev-1", &none).ok());
  auto full = Queue(r()).add(Actor::system(), ticket(card(1)));
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error().code, "queue.no_slot");

  storage::Fields three = {{"facility", kFacility}, {"slot", 3}};
  ASSERT_TRUE(r().apply_remote("queue_slot", "dev-1", &three).ok());
  EXPECT_EQ(*Queue(r()).slot(), 3);
  const auto t = add(ticket(card(1)));
  EXPECT_EQ(t.entry.number, "A-301");
  EXPECT_EQ(t.entry.seq_no, 301);
  EXPECT_EQ(t.entry.device, "dev-1");
  EXPECT_EQ(add(ticket(card(2))).entry.number, "A-302");
}

}  // namespace
}  // namespace simpul::queue_test
