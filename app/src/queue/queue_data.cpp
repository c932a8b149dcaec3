#include "queue/queue_data.hpp"

#include <map>

#include "context/app_context.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/queue.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::queue_ui {

Result<FacilityDay> load_day(storage::Replica& replica, const Date& day) {
  storage::Queue queue(replica);
  auto code = queue.facility();
  if (!code.ok()) return code.error();
  auto facility = storage::Facilities(replica).get(*code);
  if (!facility.ok()) return facility.error();
  if (!facility->has_value())
    return make_error(ErrorKind::not_found, "queue.facility_unknown", "facility " + *code + " is not on this replica");
  auto items = queue.list(day);
  if (!items.ok()) return items.error();
  auto events = queue.events(day);
  if (!events.ok()) return events.error();

  FacilityDay out;
  out.facility_code = *code;
  out.facility_name = (*facility)->name;
  out.day = day;
  std::map<std::string, std::size_t> by_code;
  for (const Poli& poli : (*facility)->polis) {
    by_code[poli.code] = out.polis.size();
    out.polis.push_back(PoliQueue{poli, {}, {}});
  }
  std::map<std::string, std::size_t> entry_poli;
  for (const storage::QueueItem& item : *items) {
    auto it = by_code.find(item.entry.poli);
    if (it == by_code.end()) continue;  // a poli the facility no longer lists
    out.polis[it->second].entries.push_back(item.entry);
    entry_poli[item.entry.id] = it->second;
  }
  for (queue::QueueEvent& event : *events) {
    auto it = entry_poli.find(event.entry_id);
    if (it != entry_poli.end()) out.polis[it->second].events.push_back(std::move(event));
  }
  return out;
}

Date queue_today(storage::Replica& replica) { return storage::Queue(replica).today(); }

int queue_minute_now(storage::Replica& replica) { return storage::Queue(replica).minute_now(); }

namespace {

// Runs `write` against storage::Queue on a task's own connection and hands its result to `done` on the UI thread.
template <class T>
void write_async(context::AppContext& app, std::function<Result<T>(storage::Queue&)> write,
                 std::function<void(Result<T>)> done) {
  app.start_task(kWriteTask, [&app, write = std::move(write), done = std::move(done)](shell::TaskControl&) {
    Result<T> result = make_error(ErrorKind::permanent, "queue.write", "not written");
    if (auto connection = app.open_connection(); !connection.ok()) {
      result = connection.error();
    } else {
      storage::Queue queue(**connection);
      result = write(queue);
    }
    app.post([&app, done, result = std::move(result)]() mutable {
      app.notify_local_change();  // the status bar counts the new outbox op; the engine pushes it soon
      done(std::move(result));
    });
  });
}

}  // namespace

void add_entry_async(context::AppContext& app, const storage::Actor& who, storage::NewQueueEntry request,
                     std::function<void(Result<storage::QueueAddOutcome>)> done) {
  write_async<storage::QueueAddOutcome>(
      app, [who, request = std::move(request)](storage::Queue& q) { return q.add(who, request); }, std::move(done));
}

void record_event_async(context::AppContext& app, const storage::Actor& who, std::string entry_id,
                        queue::QueueEventKind kind, std::function<void(Result<storage::QueueEventOutcome>)> done) {
  write_async<storage::QueueEventOutcome>(
      app, [who, entry_id = std::move(entry_id), kind](storage::Queue& q) { return q.record(who, entry_id, kind); },
      std::move(done));
}

bool writing(const context::AppContext& app) {
  const shell::Task* task = app.task(kWriteTask);
  return task != nullptr && !task->finished();
}

}  // namespace simpul::queue_ui
