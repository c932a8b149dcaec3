#pragma once
// The persistent bottom bar: is this device online, what is sync doing, and what still needs attention.
// Pure drawing from a SyncStatusView (widgets/sync_status.hpp fills it from the sync engine's status).
#include <optional>
#include <string>

namespace simpul::widgets {

struct SyncStatusView {
  bool enrolled = true;            // false: this device has no server yet; everything stays local
  bool synced = false;             // "Tersinkron": only when sync::SyncStatus::synced() says so
  bool online = false;
  std::string phase;               // what sync is doing now, in the UI language; empty: idle
  std::optional<float> progress;  // 0..1 while a sync step reports progress
  int pending_ops = 0;             // local changes not yet accepted by the server
  int rejected_ops = 0;            // changes the server refused: need a person
  int open_conflicts = 0;          // concurrent edits waiting for a decision
  std::string last_success;        // when sync last succeeded, as text ("today 09:14"); empty: never
};

// Height of the bar, for laying out the screen area above it.
float status_bar_height();

// Draws the bar's contents on one line inside the current window (the shell gives it its own window).
void draw_status_bar(const SyncStatusView& view);

}  // namespace simpul::widgets
