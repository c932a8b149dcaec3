#pragma once
// Search as you type without stutter: queries run on a worker with its own replica connection; only the newest
// request waits (latest query wins: an older one still waiting is replaced), and results come back to the UI
// thread through AppContext::post with the request's generation, so the screen ignores stale answers.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "shell/task.hpp"

namespace simpul::context {

class AppContext;

struct SearchRequest {
  std::uint64_t generation = 0;  // increases with every change of the query
  std::string query;
  std::size_t offset = 0;        // > 0: the next page of the same query
  std::size_t limit = 200;
};

// One line of the result list, already joined with the facility name and the record's sync state.
struct SearchHit {
  std::string id;
  std::string name;
  std::string nik;
  std::string card_number;
  std::string birth_date;    // dd-mm-yyyy
  std::string fktp;          // code
  std::string fktp_name;     // "" when the facility is unknown here
  bool active = true;
  std::string verification;  // verified | pending | rejected
  std::string sync_state;    // local | sent | confirmed | rejected | "" (came from the server)
};

struct SearchResult {
  std::uint64_t generation = 0;
  std::size_t offset = 0;
  std::vector<SearchHit> hits;
  bool more = false;   // another page exists
  std::string error;   // non-empty: the search failed (message for the log; the screen says so)
};

class SearchService {
 public:
  using Deliver = std::function<void(SearchResult)>;  // runs on the UI thread

  SearchService(AppContext& app, Deliver deliver);
  // Stops the worker (waits for the query in flight, which is short).
  ~SearchService();
  SearchService(const SearchService&) = delete;
  SearchService& operator=(const SearchService&) = delete;

  void submit(SearchRequest request);

 private:
  struct Mailbox {
    std::mutex mutex;
    std::condition_variable cv;
    std::optional<SearchRequest> next;
    bool stop = false;
    Deliver deliver;
  };
  std::shared_ptr<Mailbox> box_;
  std::unique_ptr<shell::Task> worker_;
};

}  // namespace simpul::context
