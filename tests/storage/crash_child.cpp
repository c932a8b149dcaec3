// The writer the crash test kills: opens a replica and writes through the repositories until SIGKILL arrives.
//
//   storage_crash_child DB ROUND
//
// Before each transaction it writes "intent N {rows}" to stdout, and after COMMIT returned "committed N {rows}",
// where {rows} maps each participant id the transaction touches to the fields it must then hold (null: deleted).
// Lines go out with write(2), so a line printed is in the kernel before the next write begins: nothing the
// parent reads is lost with the process. ROUND makes the data of each run distinct on a shared replica.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "simpul/core/clock.hpp"
#include "simpul/core/uuid.hpp"
#include "simpul/storage/codec.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/replica.hpp"

using namespace simpul;
using namespace simpul::storage;

namespace {

void say(const std::string& line) {
  const std::string text = line + "\n";
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::_Exit(4);
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void fail(const std::string& what, const Error& e) {
  std::fprintf(stderr, "crash child: %s: %s (%s)\n", what.c_str(), e.message.c_str(), e.code.c_str());
  std::_Exit(2);
}

constexpr const char* kFirst[] = {"Siti", "Budi", "Dewi", "Agus", "Nur", "Putu", "Wayan", "Rina", "Andi", "Yohana"};
constexpr const char* kLast[] = {"Rahma", "Santoso", "Lestari", "Hidayat", "Aminah", "Saragih", "Wulandari", "Gultom"};

class Writer {
 public:
  Writer(Replica& replica, int round) : r_(replica), repo_(replica), round_(round), rng_(static_cast<unsigned>(round)) {
    auto st = r_.db().prepare("SELECT id FROM participants ORDER BY rowid");
    while (st->step().value_or(false)) known_.push_back(st->text(0));
  }

  void run() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (int n = 0; std::chrono::steady_clock::now() < deadline; ++n) {
      const auto dice = pick(100);
      if (known_.empty() || dice < 35) {
        create_one(n);
      } else if (dice < 65) {
        update_one(n);
      } else if (dice < 85) {
        register_many(n, 2 + pick(3), /*one_family=*/true);
      } else if (dice < 95) {
        register_many(n, 10 + pick(21), /*one_family=*/false);
      } else {
        remove_one(n);
      }
    }
    // Nobody killed us: the parent is gone or stuck. Exiting on our own makes the test fail loudly.
    std::_Exit(3);
  }

 private:
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
  std::string name() { return std::string(kFirst[pick(std::size(kFirst))]) + " " + kLast[pick(std::size(kLast))]; }
  // Distinct per round and serial, so creates on a shared replica never collide.
  std::string nik() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "3204%04d%08d", round_ % 10000, serial_++);
    return buf;
  }
  std::string phone() { return "+62812" + std::to_string(10'000'000 + round_ * 100'000 + serial_++); }

  Participant fresh(const std::string& kk) {
    Participant p;
    p.id = uuid_v7(SystemClock::instance());
    p.nik = nik();
    p.name = name();
    p.birth_date = Date{1960 + static_cast<int>(pick(60)), 1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28))};
    p.sex = pick(2) == 0 ? Sex::male : Sex::female;
    p.kk_number = kk;
    p.phone = phone();
    p.email = "p" + p.nik + "@contoh.id";
    return p;
  }
  static Fields expected(const Participant& p) {
    return Fields{{"nik", p.nik}, {"name", p.name}, {"phone", p.phone}, {"email", p.email}, {"kk_number", p.kk_number}};
  }
  std::string kk() { return "3204" + std::to_string(100'000'000'000 + round_ * 1'000'000 + serial_++); }

  void intent(int n, const Fields& rows) { say("intent " + std::to_string(n) + " " + rows.dump()); }
  void committed(int n, const Fields& rows) { say("committed " + std::to_string(n) + " " + rows.dump()); }

  void create_one(int n) {
    const Participant p = fresh(kk());
    const Fields rows{{p.id, expected(p)}};
    intent(n, rows);
    auto id = repo_.create(Actor{"u-crash", "crash.child"}, p);
    if (!id.ok()) fail("create", id.error());
    committed(n, rows);
    known_.push_back(p.id);
  }

  // A change of name or contact; the phone always changes, so every update writes an op.
  Fields changes(const std::string& id) {
    Fields c{{"phone", phone()}};
    if (pick(2) == 0) c["email"] = "u" + std::to_string(round_) + "." + std::to_string(serial_++) + "@contoh.id";
    if (pick(3) == 0) {
      auto current = r_.load("participant", id);
      if (!current.ok()) fail("load", current.error());
      std::string next = name();
      if (current->has_value() && (**current)["name"] == next) next += " Putri";
      c["name"] = next;
    }
    return c;
  }

  void update_one(int n) {
    const std::string id = known_[pick(known_.size())];
    const Fields c = changes(id);
    const Fields rows{{id, c}};
    intent(n, rows);
    auto changed = repo_.update(Actor{"u-crash", "crash.child"}, id, c);
    if (!changed.ok()) fail("update", changed.error());
    if (!changed.value()) fail("update", Error{ErrorKind::permanent, "no_change", "an update changed nothing"});
    committed(n, rows);
  }

  // Several participants in one transaction, each with its first KK history entry as Participants::create
  // writes them. A household registered at the desk (one new KK, and a contact change of someone already
  // registered), or a list of people on their own KKs entered together (a longer transaction, so that kills
  // also land in the middle of one).
  void register_many(int n, std::size_t count, bool one_family) {
    const std::string family_kk = kk();
    std::vector<Participant> members;
    for (std::size_t i = 0; i < count; ++i) members.push_back(fresh(one_family ? family_kk : kk()));
    const std::string other = one_family ? known_[pick(known_.size())] : std::string();
    const Fields other_changes = one_family ? changes(other) : Fields();
    Fields rows = Fields::object();
    for (const auto& m : members) rows[m.id] = expected(m);
    if (one_family) rows[other] = other_changes;
    intent(n, rows);

    const Actor who{"u-crash", "crash.child"};
    auto tx = Transaction::begin(r_.db());
    if (!tx.ok()) fail("begin", tx.error());
    const std::string today = Date::from_epoch_ms(SystemClock::instance().now_ms()).iso();
    for (const auto& m : members) {
      Fields f = to_fields(m);
      f["registered_at"] = today;
      auto w = r_.upsert(who, "participant", m.id, f);
      if (!w.ok()) fail("family member", w.error());
      auto k = r_.upsert(who, "kk_history", uuid_v7(SystemClock::instance()),
                         Fields{{"participant_id", m.id}, {"kk_number", m.kk_number}, {"valid_from", today}});
      if (!k.ok()) fail("family kk", k.error());
    }
    if (one_family) {
      auto u = r_.upsert(who, "participant", other, other_changes);
      if (!u.ok()) fail("family update", u.error());
    }
    auto c = tx->commit();
    if (!c.ok()) fail("commit", c.error());
    committed(n, rows);
    for (const auto& m : members) known_.push_back(m.id);
  }

  void remove_one(int n) {
    const std::size_t at = pick(known_.size());
    const std::string id = known_[at];
    const Fields rows{{id, nullptr}};
    intent(n, rows);
    auto tx = Transaction::begin(r_.db());
    if (!tx.ok()) fail("begin", tx.error());
    auto d = r_.remove(Actor{"u-crash", "crash.child"}, "participant", id);
    if (!d.ok()) fail("remove", d.error());
    auto c = tx->commit();
    if (!c.ok()) fail("commit", c.error());
    committed(n, rows);
    known_.erase(known_.begin() + static_cast<std::ptrdiff_t>(at));
  }

  Replica& r_;
  Participants repo_;
  int round_;
  int serial_ = 0;
  std::mt19937 rng_;
  std::vector<std::string> known_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DB ROUND\n", argv[0]);
    return 64;
  }
  auto replica = Replica::open(argv[1], SystemClock::instance());
  if (!replica.ok()) fail(std::string("open ") + argv[1], replica.error());
  say("opened");
  Writer(**replica, std::atoi(argv[2])).run();
}
