// ui_care_replica: dresses a replica made by `simpulctl demo` for the screenshots of the care screens
// (tests/ui/care_desk_screenshot.sh, docs/screenshots/care-*.png): the busiest FKTP of the last month becomes this
// replica's facility, three complaints are recorded (one answered by the server and one seen by it, applied
// the way a pull applies them), and the last five mornings get a queue with calls, so the waiting-time report
// has figures. All names and texts are made up.
//
// usage: ui_care_replica DB     (prints the facility code)
#include <cstdio>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/date.hpp"
#include "simpul/core/hlc.hpp"
#include "simpul/storage/complaints.hpp"
#include "simpul/storage/db.hpp"
#include "simpul/storage/replica.hpp"

using namespace simpul;

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "ui_care_replica: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return fail("usage: ui_care_replica DB");
  const SystemClock clock;
  auto opened = storage::Replica::open(argv[1], clock);
  if (!opened.ok()) return fail(opened.error().message);
  storage::Replica& r = **opened;
  const storage::Actor who{"", "demo"};

  auto busiest = r.db().query_text(
      "SELECT v.facility FROM visits v JOIN facilities f ON f.id = v.facility "
      "WHERE f.type IN ('puskesmas','klinik') AND v.day >= date('now', '-30 day') "
      "GROUP BY v.facility ORDER BY count(*) DESC, v.facility LIMIT 1");
  if (!busiest.ok() || !*busiest) return fail("no visits in the demo data: run `simpulctl demo` first");
  const std::string facility = **busiest;
  if (auto s = r.set_setting("facility", facility); !s.ok()) return fail(s.error().message);

  auto first = r.db().query_text("SELECT id FROM participants ORDER BY id LIMIT 1");
  if (!first.ok() || !*first) return fail("no participants");
  const std::string person = **first;

  // Complaints, oldest first.
  struct Say {
    const char* participant;
    const char* category;
    const char* contact;
    const char* text;
    const char* status;  // the server's state once it has seen it; "" not sent yet
    const char* answer;
  };
  const Say kSay[] = {
      {person.c_str(), "layanan", "phone",
       "Antrean poli umum hari Senin lebih dari tiga jam; mohon jadwal dokter ditambah.", "answered",
       "Mulai minggu depan poli umum dibuka dengan dua dokter pada hari Senin dan Kamis. Terima kasih."},
      {"", "informasi", "none", "Bagaimana cara pindah FKTP untuk peserta PBI yang pindah desa?", "open", ""},
      {person.c_str(), "iuran", "email", "Tagihan bulan lalu tercatat dua kali di Mobile JKN.", "", ""},
  };
  storage::Complaints complaints(r);
  for (const Say& say : kSay) {
    storage::NewComplaint c;
    c.participant_id = say.participant;
    c.category = say.category;
    c.contact = say.contact;
    c.text = say.text;
    auto saved = complaints.record(who, c);
    if (!saved.ok()) return fail(saved.error().message);
    if (!saved->accepted()) return fail(saved->refusals.front().en);
    if (*say.status == '\0') continue;
    // What the next pull would bring: the server's status (and answer) on the row.
    auto row = r.load("complaint", saved->saved.id);
    if (!row.ok() || !*row) return fail("complaint not stored");
    storage::Fields fields = **row;
    fields.erase("id");
    fields["status"] = say.status;
    if (*say.answer != '\0') {
      fields["answer"] = say.answer;
      fields["answered_at"] = fields["created_at"];
    }
    if (auto s = r.apply_remote("complaint", saved->saved.id, &fields); !s.ok())
      return fail(s.error().message);
  }

  // Five mornings of arrivals at poli 001, each called after a made-up wait.
  const int kWaits[] = {4, 9, 12, 18, 22, 27, 35, 41, 48, 55, 66, 75, 95, 125};
  const std::int64_t day_ms = 86'400'000;
  const Date today = Date::from_epoch_ms(clock.now_ms());
  const std::int64_t midnight_wib = (today.to_days() * day_ms) - 7 * 3'600'000;
  for (int back = 1; back <= 5; ++back) {
    const Date day = today.add_days(-back);
    const std::int64_t eight = midnight_wib - back * day_ms + 8 * 3'600'000;
    int n = 0;
    for (int wait : kWaits) {
      const std::string id = "care-demo-" + day.iso() + "-" + std::to_string(n);
      const std::int64_t arrival = eight + n * 6 * 60'000;
      const int minutes = wait + (back * 7 + n * 3) % 11;
      auto tx = storage::Transaction::begin(r.db());
      if (!tx.ok()) return fail(tx.error().message);
      auto e = r.upsert(who, "queue_entry", id,
                        {{"facility", facility},
                         {"poli", "001"},
                         {"day", day.iso()},
                         {"number", "A-" + std::to_string(n + 1)},
                         {"state", "done"},
                         {"source", n % 3 == 0 ? "kiosk" : "desk"},
                         {"participant_id", person},
                         {"arrival_hlc", HlcTimestamp{arrival, 0, "desk-demo"}.encode()}});
      if (!e.ok()) return fail(e.error().message);
      auto c = r.upsert(who, "queue_event", id + "-call",
                        {{"entry_id", id}, {"event", "call"}, {"at_ms", arrival + minutes * 60'000}});
      if (!c.ok()) return fail(c.error().message);
      if (auto s = tx->commit(); !s.ok()) return fail(s.error().message);
      ++n;
    }
  }
  std::printf("%s\n", facility.c_str());
  return 0;
}
