#include "simpul/core/queue/state_machine.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "simpul/core/rules/findings.hpp"

namespace simpul::queue {
namespace {

using E = QueueEventKind;
using S = QueueState;

std::optional<QueueState> next_state(QueueState from, QueueEventKind event) {
  switch (from) {
    case S::waiting:
      if (event == E::call) return S::called;
      if (event == E::cancel) return S::cancelled;
      return std::nullopt;
    case S::called:
      switch (event) {
        case E::recall:
          return S::called;
        case E::skip:
          return S::skipped;
        case E::serve:
          return S::serving;
        case E::no_show:
          return S::no_show;
        case E::cancel:
          return S::cancelled;
        default:
          return std::nullopt;
      }
    case S::serving:
      if (event == E::done) return S::done;
      return std::nullopt;
    case S::skipped:
      switch (event) {
        case E::call:
        case E::recall:
          return S::called;
        case E::no_show:
          return S::no_show;
        case E::cancel:
          return S::cancelled;
        default:
          return std::nullopt;
      }
    case S::done:
    case S::no_show:
    case S::cancelled:
      return std::nullopt;
  }
  return std::nullopt;
}

Finding refusal(std::string code, std::string id, std::string en) {
  return rules::error_finding("queue", std::move(code), std::move(id), std::move(en));
}

// Only called for a refused (state, event) pair.
Finding refusal_for(QueueState from, QueueEventKind event) {
  if (event == E::cancel && (from == S::serving || from == S::done)) {
    return refusal("queue.cancel_after_service",
                   "Antrean tidak dapat dibatalkan karena pasien sudah dilayani.",
                   "The queue number cannot be cancelled once the patient has been served.");
  }
  switch (from) {
    case S::done:
      return refusal("queue.already_done", "Pelayanan untuk nomor antrean ini sudah selesai.",
                     "This queue number has already been served.");
    case S::no_show:
      return refusal("queue.already_no_show",
                     "Nomor antrean ini sudah ditandai tidak hadir. Ambil nomor baru bila pasien datang.",
                     "This queue number was marked as no-show. Take a new number if the patient arrives.");
    case S::cancelled:
      return refusal("queue.already_cancelled", "Nomor antrean ini sudah dibatalkan.",
                     "This queue number has been cancelled.");
    case S::serving:
      return refusal(
          "queue.already_serving",
          "Pasien dengan nomor antrean ini sedang dilayani. Tandai selesai bila pelayanan sudah usai.",
          "The patient with this queue number is being served. Mark it done when the service ends.");
    default:
      break;
  }
  if (event == E::done) {
    return refusal("queue.not_serving", "Pelayanan belum dimulai. Mulai layani sebelum menandai selesai.",
                   "Service has not started. Start serving before marking it done.");
  }
  if (from == S::called) {  // the only refused event left is a second call
    return refusal("queue.already_called",
                   "Nomor antrean ini sedang dipanggil. Gunakan Panggil Ulang untuk memanggil lagi.",
                   "This queue number is already being called. Use Recall to call it again.");
  }
  if (from == S::skipped) {
    if (event == E::skip) {
      return refusal("queue.already_skipped",
                     "Nomor antrean ini sudah dilewati. Panggil lagi bila pasien datang.",
                     "This queue number was already skipped. Call it again when the patient arrives.");
    }
    return refusal("queue.call_again_first",
                   "Nomor antrean ini dilewati. Panggil lagi sebelum mulai melayani.",
                   "This queue number was skipped. Call it again before serving.");
  }
  return refusal("queue.not_called", "Nomor antrean ini belum dipanggil. Panggil terlebih dahulu.",
                 "This queue number has not been called yet. Call it first.");
}

auto order_key(const QueueEvent& e) {
  return std::tie(e.at_ms, e.id, e.kind, e.device, e.user_id, e.entry_id);
}

std::string identity_of(const QueueEvent& e) {
  if (!e.id.empty()) return "id:" + e.id;
  return std::string("ev:") + event_code(e.kind) + '|' + std::to_string(e.at_ms) + '|' + e.device + '|' +
         e.user_id + '|' + e.entry_id;
}

}  // namespace

Findings check_event(QueueState from, QueueEventKind event) {
  if (next_state(from, event)) return {};
  return {refusal_for(from, event)};
}

Result<QueueState> apply_event(QueueState from, QueueEventKind event) {
  if (auto next = next_state(from, event)) return *next;
  return rules::to_error(refusal_for(from, event));
}

std::vector<QueueEventKind> allowed_events(QueueState from) {
  std::vector<QueueEventKind> out;
  for (QueueEventKind e : kAllEventKinds) {
    if (next_state(from, e)) out.push_back(e);
  }
  return out;
}

bool event_before(const QueueEvent& a, const QueueEvent& b) {
  return order_key(a) < order_key(b);
}

ReplayResult replay(std::vector<QueueEvent> events, QueueState initial) {
  std::sort(events.begin(), events.end(), event_before);
  ReplayResult r;
  r.state = initial;
  std::set<std::string> seen;
  for (auto& e : events) {
    if (!seen.insert(identity_of(e)).second) {
      r.duplicates.push_back(std::move(e));
      continue;
    }
    const auto next = next_state(r.state, e.kind);
    if (!next) {
      r.rejected.push_back(RejectedEvent{e, r.state, refusal_for(r.state, e.kind)});
      continue;
    }
    switch (e.kind) {
      case E::call:
        if (!r.first_called_ms) r.first_called_ms = e.at_ms;
        r.last_called_ms = e.at_ms;
        break;
      case E::recall:
        r.last_called_ms = e.at_ms;
        break;
      case E::serve:
        r.serving_ms = e.at_ms;
        break;
      case E::done:
      case E::no_show:
      case E::cancel:
        r.finished_ms = e.at_ms;
        break;
      case E::skip:
        break;
    }
    r.state = *next;
    r.applied.push_back(std::move(e));
  }
  return r;
}

std::map<std::string, ReplayResult> replay_by_entry(const std::vector<QueueEvent>& events) {
  std::map<std::string, std::vector<QueueEvent>> grouped;
  for (const auto& e : events) grouped[e.entry_id].push_back(e);
  std::map<std::string, ReplayResult> out;
  for (auto& [entry_id, list] : grouped) out.emplace(entry_id, replay(std::move(list)));
  return out;
}

std::vector<QueueEntry> with_replayed_states(std::vector<QueueEntry> entries,
                                             const std::vector<QueueEvent>& events) {
  const auto replayed = replay_by_entry(events);
  for (auto& entry : entries) {
    if (auto it = replayed.find(entry.id); it != replayed.end()) entry.state = it->second.state;
  }
  return entries;
}

}  // namespace simpul::queue
