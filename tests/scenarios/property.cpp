#include "property.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <thread>
#include <tuple>

#include "changes.hpp"

namespace simpul::scenario {
namespace {

using test::Direction;

// Timed actions against the proxy and the server while the desks sync, on a thread of its own. The times
// and actions are drawn beforehand on the main thread, so the seed alone decides them.
class Disruptor {
 public:
  struct Action {
    std::chrono::milliseconds at{0};
    std::string what;
    std::function<void()> run;
  };

  explicit Disruptor(std::vector<Action> actions) : actions_(std::move(actions)) {
    std::stable_sort(actions_.begin(), actions_.end(), [](const Action& a, const Action& b) { return a.at < b.at; });
    thread_ = std::thread([this] { loop(); });
  }
  ~Disruptor() { stop(); }
  Disruptor(const Disruptor&) = delete;
  Disruptor& operator=(const Disruptor&) = delete;

  // Skips what has not happened yet and waits for the thread (bounded by the action in progress).
  void stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  std::vector<std::string> done() {
    std::lock_guard lock(mu_);
    return done_;
  }

 private:
  void loop() {
    const auto start = std::chrono::steady_clock::now();
    for (auto& a : actions_) {
      std::unique_lock lock(mu_);
      if (cv_.wait_until(lock, start + a.at, [this] { return stop_; })) return;
      lock.unlock();
      std::string outcome;
      try {
        a.run();
      } catch (const std::exception& e) {
        outcome = " FAILED: " + std::string(e.what());
      }
      lock.lock();
      done_.push_back(a.what + " at " + std::to_string(a.at.count()) + " ms" + outcome);
    }
  }

  std::vector<Action> actions_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::vector<std::string> done_;
  std::thread thread_;
};

std::chrono::milliseconds ms(std::uint64_t n) { return std::chrono::milliseconds(static_cast<std::int64_t>(n)); }

// This round's faults: some set on the proxy now, some timed. Returns a description.
std::string plan_faults(World& world, ChangeMaker& dice, double restart_chance, std::vector<Disruptor::Action>& timed,
                        int& restarts) {
  auto& proxy = world.proxy();
  std::string what;
  switch (dice.uniform(10)) {
    case 0: what = "clean link"; break;
    case 1: {
      const auto latency = ms(20 + dice.uniform(60));
      const auto jitter = ms(dice.uniform(30));
      proxy.set_latency(Direction::upstream, latency, jitter);
      proxy.set_latency(Direction::downstream, latency, jitter);
      what = "latency " + std::to_string(latency.count()) + "+" + std::to_string(jitter.count()) + " ms";
      break;
    }
    case 2: {
      const std::uint64_t down = (16 + dice.uniform(48)) << 10;
      const std::uint64_t up = (8 + dice.uniform(24)) << 10;
      proxy.set_bandwidth(Direction::downstream, down);
      proxy.set_bandwidth(Direction::upstream, up);
      what = "bandwidth " + std::to_string(down >> 10) + "/" + std::to_string(up >> 10) + " KiB/s";
      break;
    }
    case 3: {
      const std::uint64_t n = 300 + dice.uniform(30'000);
      const auto action = dice.chance(0.5) ? test::Action::close : test::Action::reset;
      proxy.cut_after(Direction::upstream, n, test::Scope::lifetime, action);
      what = std::string("upload cut (") + test::to_string(action) + ") after " + std::to_string(n) + " B";
      break;
    }
    case 4: {
      const std::uint64_t n = dice.uniform(30'000);
      const auto action = dice.chance(0.5) ? test::Action::close : test::Action::reset;
      proxy.cut_after(Direction::downstream, n, test::Scope::lifetime, action);
      what = std::string("download cut (") + test::to_string(action) + ") after " + std::to_string(n) + " B";
      break;
    }
    case 5: {
      // The next connections reach the server and lose its answer: committed, but the desk cannot know.
      const auto k = 1 + dice.uniform(3);
      proxy.reset_connections();
      for (std::uint64_t i = 0; i < k; ++i) proxy.plan_connection(test::Trip{Direction::downstream, 0, test::Action::close});
      what = std::to_string(k) + " answer(s) lost after the server committed";
      break;
    }
    case 6: {
      const auto at = ms(dice.uniform(300));
      timed.push_back({at, "reset connections", [&proxy] { proxy.reset_connections(); }});
      what = "connections reset";
      break;
    }
    case 7: {
      const auto at = ms(dice.uniform(200));
      const auto length = ms(200 + dice.uniform(1000));
      timed.push_back({at, "stall", [&proxy] { proxy.set_stalled(true); }});
      timed.push_back({at + length, "unstall", [&proxy] { proxy.set_stalled(false); }});
      what = "link stalls " + std::to_string(length.count()) + " ms";
      break;
    }
    case 8: {
      const auto at = ms(dice.uniform(200));
      const auto length = ms(100 + dice.uniform(700));
      timed.push_back({at, "link down", [&proxy] { proxy.set_down(true); }});
      timed.push_back({at + length, "link up", [&proxy] { proxy.set_down(false); }});
      what = "link down " + std::to_string(length.count()) + " ms";
      break;
    }
    default: {
      proxy.set_loss(Direction::downstream, 0.3, 150ms);
      proxy.set_loss(Direction::upstream, 0.3, 150ms);
      what = "30% of chunks held back 150 ms";
      break;
    }
  }
  if (dice.chance(restart_chance)) {
    const auto at = ms(dice.uniform(400));
    const auto down_for = ms(dice.uniform(300));
    auto& server = world.server();
    timed.push_back({at, "server SIGKILL", [&server] { server.kill(); }});
    timed.push_back({at + down_for, "server start", [&server] { server.start(); }});
    what += "; server killed at " + std::to_string(at.count()) + " ms, back " + std::to_string(down_for.count()) +
            " ms later";
    ++restarts;
  }
  return what;
}

void restore_link(World& world) {
  world.proxy().clear_faults();
  if (world.proxy().down()) world.proxy().set_down(false);
  if (!world.server().running()) world.server().start();
}

using FieldKey = std::tuple<std::string, std::string, std::string>;  // entity, id, field

struct Write {
  std::string desk;
  std::string device;
  std::int64_t seq = 0;
  std::int64_t base = 0;  // the pull cursor it was written at: what its author had seen
  std::int64_t tx = 0;    // the server transaction that applied it
  std::string value;
};

bool has_conflict(const std::vector<Fields>& conflicts, const std::string& entity, const std::string& id,
                  const std::string& field) {
  for (const auto& c : conflicts) {
    if (c.value("entity", "") != entity || c.value("entity_id", "") != id) continue;
    if (field.empty() || c.value("field", "") == field || c.value("field", "") == "_deleted") return true;
  }
  return false;
}

// Every pair of edits of one field by two desks that had not seen each other's, and every edit a delete did
// not see, must have left a conflict record. (A duplicate registration is reviewed as a whole through its
// duplicate_registration record, so its people are left out here.)
void check_conflicts(World& world, PropertyReport& report) {
  const auto conflicts = world.admin().conflicts();
  const auto aliases = world.admin().aliases();
  std::set<std::string> merged;
  for (const auto& [alias, canonical] : aliases) {
    merged.insert(alias);
    merged.insert(canonical);
    if (!has_conflict(conflicts, "participant", canonical, "duplicate_registration")) {
      report.findings.add("duplicate registration " + alias + " -> " + canonical + " has no review record");
    }
  }
  std::map<FieldKey, std::vector<Write>> edits;
  std::map<std::pair<std::string, std::string>, std::vector<Write>> deletes;  // (entity, id)
  std::map<std::pair<std::string, std::string>, std::vector<Write>> row_edits;
  for (auto& desk : world.desks()) {
    const std::string device = desk->device_id();
    const auto applied = world.admin().applied_ops(device);
    for (const auto& op : desk->outbox()) {
      auto it = applied.find(op.seq);
      auto base = desk->written_at().find(op.seq);
      if (it == applied.end() || it->second.verdict == sync::Verdict::rejected || base == desk->written_at().end()) {
        continue;
      }
      const std::string id = it->second.canonical_id.empty() ? op.entity_id : it->second.canonical_id;
      if (op.entity == "participant" && (merged.count(id) != 0 || merged.count(op.entity_id) != 0)) continue;
      Write w{desk->name(), device, op.seq, base->second, it->second.tx, {}};
      if (op.kind == "delete") {
        deletes[{op.entity, id}].push_back(w);
        continue;
      }
      const auto fields = Fields::parse(op.fields, nullptr, false);
      if (!fields.is_object()) continue;
      row_edits[{op.entity, id}].push_back(w);
      for (const auto& [name, value] : fields.items()) {
        if (!tracked_field(op.entity, name) || !value.is_string()) continue;
        w.value = value.get<std::string>();
        edits[{op.entity, id, name}].push_back(w);
      }
    }
  }
  for (auto& [key, list] : edits) {
    std::sort(list.begin(), list.end(), [](const Write& a, const Write& b) { return a.tx < b.tx; });
    const auto& [entity, id, field] = key;
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        const Write& x = list[i];
        const Write& y = list[j];
        if (x.device == y.device || x.tx == y.tx || y.base >= x.tx || x.value == y.value) continue;
        ++report.concurrent_edits;
        if (!has_conflict(conflicts, entity, id, field)) {
          report.findings.add(x.desk + " (seq " + std::to_string(x.seq) + ", '" + x.value + "') and " + y.desk +
                              " (seq " + std::to_string(y.seq) + ", '" + y.value + "') edited " + entity + " " + id +
                              "." + field + " concurrently, but no conflict record names it");
        }
      }
    }
  }
  for (auto& [row, list] : deletes) {
    const Write& first = *std::min_element(list.begin(), list.end(),
                                           [](const Write& a, const Write& b) { return a.tx < b.tx; });
    for (const auto& e : row_edits[row]) {
      if (e.device == first.device || e.tx <= first.base || e.base >= first.tx) continue;
      ++report.concurrent_edits;
      if (!has_conflict(conflicts, row.first, row.second, "")) {
        report.findings.add(first.desk + " deleted " + row.first + " " + row.second + " (seq " +
                            std::to_string(first.seq) + ") without having seen " + e.desk + "'s edit (seq " +
                            std::to_string(e.seq) + "), and no conflict record keeps that edit");
      }
    }
  }
  report.conflicts = static_cast<int>(conflicts.size());
  report.aliases = static_cast<int>(aliases.size());
}

}  // namespace

std::string PropertyReport::summary() const {
  std::ostringstream out;
  out << rounds << " rounds, " << changes << " changes, " << cycles_ok << " cycles completed, " << cycles_failed
      << " failed, " << faults << " fault plans, " << restarts << " server restarts, " << rejected
      << " rejected ops, " << concurrent_edits << " concurrent edits, " << conflicts << " conflict records, "
      << aliases << " duplicate registrations merged";
  return out.str();
}

PropertyReport run_property(const PropertyOptions& options) {
  PropertyReport report;
  WorldOptions wo;
  wo.participants = options.participants;
  wo.proxy_seed = options.seed;
  World world(wo);
  auto& admin = world.admin();
  const auto hot = admin.query_texts("SELECT id FROM participants WHERE _deleted = 0 AND fktp = '" + world.facility() +
                                     "' ORDER BY id LIMIT 6");
  ChangeMaker maker(options.seed * 0x9E3779B97F4A7C15ULL + 1, hot, admin.unregistered(6));

  for (int i = 0; i < options.desks; ++i) {
    DeskOptions d;
    if (i == options.desks - 1 && options.desks > 1) d.facility = world.other_facility();
    if (i == 1) d.skew_ms = 3LL * 24 * 3600 * 1000;  // a desk whose clock has been three days ahead all along
    Desk& desk = world.add_desk("d" + std::to_string(i + 1), d);
    auto first = desk.sync();
    if (!first.ok()) report.findings.add(desk.name() + ": first sync failed: " + first.error().message);
  }

  for (int round = 1; round <= options.rounds; ++round) {
    report.rounds = round;
    report.log.push_back("round " + std::to_string(round));
    for (auto& desk : world.desks()) {
      const int n = static_cast<int>(maker.uniform(static_cast<std::uint64_t>(options.max_changes) + 1));
      for (const auto& line : maker.random(*desk, n)) report.log.push_back("  " + desk->name() + ": " + line);
      report.changes += n;
    }
    std::vector<Disruptor::Action> timed;
    report.log.push_back("  faults: " + plan_faults(world, maker, options.restart_chance, timed, report.restarts));
    ++report.faults;
    // Each desk tries once or twice, all at the same time, as desks in a district do when the link returns.
    std::vector<int> attempts;
    for (std::size_t i = 0; i < world.desks().size(); ++i) {
      attempts.push_back(maker.chance(0.15) ? 0 : 1 + static_cast<int>(maker.uniform(2)));
    }
    const std::size_t n = world.desks().size();
    std::vector<std::string> outcomes(n);
    std::vector<int> ok(n, 0), failed(n, 0);
    {
      Disruptor disruptor(std::move(timed));
      std::vector<std::thread> threads;
      for (std::size_t i = 0; i < n; ++i) {
        threads.emplace_back([&, i] {
          Desk& desk = *world.desks()[i];
          for (int a = 0; a < attempts[i]; ++a) {
            auto r = desk.sync_once();
            outcomes[i] += r.ok() ? " ok" : " failed (" + r.error().code + ")";
            ++(r.ok() ? ok[i] : failed[i]);
            if (r.ok()) break;
          }
          if (attempts[i] == 0) outcomes[i] = " stayed offline";
        });
      }
      for (auto& t : threads) t.join();
      disruptor.stop();
      for (const auto& d : disruptor.done()) report.log.push_back("  " + d);
    }
    for (std::size_t i = 0; i < n; ++i) {
      report.log.push_back("  " + world.desks()[i]->name() + ":" + outcomes[i]);
      report.cycles_ok += ok[i];
      report.cycles_failed += failed[i];
    }
    restore_link(world);
  }

  // The link is clean again: everyone syncs until complete, twice, so that every desk hears every change.
  restore_link(world);
  for (int pass = 0; pass < 2; ++pass) {
    for (auto& desk : world.desks()) {
      auto r = desk->sync();
      if (!r.ok()) report.findings.add(desk->name() + ": final sync did not complete: " + r.error().message);
    }
  }
  for (auto& desk : world.desks()) {
    // Before anyone touches the needs-attention list, only rows a refused op wrote may differ.
    report.findings.merge(check_converged(world, *desk, rows_with_rejected_ops(*desk)),
                          desk->name() + " (before discarding rejected ops): ");
    const int discarded = discard_rejected(*desk);
    report.rejected += discarded;
    if (discarded > 0) {
      auto r = desk->sync();
      if (!r.ok()) report.findings.add(desk->name() + ": sync after discarding failed: " + r.error().message);
    }
  }
  report.findings.merge(check_all(world), "");
  check_conflicts(world, report);
  return report;
}

std::vector<std::uint64_t> seeds_from_env(const char* name, const std::vector<std::uint64_t>& fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  std::vector<std::uint64_t> seeds;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) seeds.push_back(std::stoull(item));
  }
  return seeds.empty() ? fallback : seeds;
}

int int_from_env(const char* name, int fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  return std::stoi(text);
}

}  // namespace simpul::scenario
