#include "context/search_service.hpp"

#include <unordered_map>

#include "context/app_context.hpp"
#include "context/format.hpp"
#include "simpul/storage/facilities.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::context {
namespace {

SearchResult run_search(storage::Replica& replica, const std::unordered_map<std::string, std::string>& facility_names,
                        const SearchRequest& request) {
  SearchResult result;
  result.generation = request.generation;
  result.offset = request.offset;
  auto page = storage::Participants(replica).search(request.query, request.limit, request.offset);
  if (!page.ok()) {
    result.error = page.error().message;
    return result;
  }
  storage::Outbox outbox(replica.db());
  result.more = page->more;
  result.hits.reserve(page->items.size());
  for (const Participant& p : page->items) {
    SearchHit hit;
    hit.id = p.id;
    hit.name = p.name;
    hit.nik = p.nik;
    hit.card_number = p.card_number;
    hit.birth_date = format_date(p.birth_date);
    hit.fktp = p.fktp;
    if (auto it = facility_names.find(p.fktp); it != facility_names.end()) hit.fktp_name = it->second;
    hit.active = p.status == MemberStatus::active;
    hit.verification = verification_code(p.verification);
    hit.sync_state = outbox.record_state("participant", p.id).value_or("");
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace

SearchService::SearchService(AppContext& app, Deliver deliver) : box_(std::make_shared<Mailbox>()) {
  box_->deliver = std::move(deliver);
  std::weak_ptr<Mailbox> weak = box_;
  auto work = [&app, box = box_, weak](shell::TaskControl&) {
    auto connection = app.open_connection();
    std::unordered_map<std::string, std::string> facility_names;
    if (connection.ok()) {
      if (auto all = storage::Facilities(**connection).list(); all.ok())
        for (const Facility& f : *all) facility_names.emplace(f.code, f.name);
    }
    for (;;) {
      SearchRequest request;
      {
        std::unique_lock lock(box->mutex);
        box->cv.wait(lock, [&] { return box->next.has_value() || box->stop; });
        if (box->stop) return;
        request = std::move(*box->next);
        box->next.reset();
      }
      SearchResult result;
      if (connection.ok()) {
        result = run_search(**connection, facility_names, request);
      } else {
        result.generation = request.generation;
        result.error = connection.error().message;
      }
      app.post([weak, result = std::move(result)]() mutable {
        auto alive = weak.lock();
        if (alive && !alive->stop) alive->deliver(std::move(result));
      });
    }
  };
  worker_ = std::make_unique<shell::Task>("search", std::move(work), [&app] { app.queue().wake(); });
}

SearchService::~SearchService() {
  {
    std::lock_guard lock(box_->mutex);
    box_->stop = true;
  }
  box_->cv.notify_all();
  worker_.reset();  // joins
}

void SearchService::submit(SearchRequest request) {
  {
    std::lock_guard lock(box_->mutex);
    box_->next = std::move(request);
  }
  box_->cv.notify_all();
}

}  // namespace simpul::context
