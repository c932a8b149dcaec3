#pragma once
// Sync: where this device stands with the central server, and the three lists that need a person: changes
// waiting to be sent, changes the server refused (resend after fixing, or discard after confirming), and
// conflicting edits (keep mine / keep theirs / edit).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace simpul::screens::sync {

enum class Tab { pending, rejected, conflicts };

struct ChangeRow {
  std::int64_t seq = 0;
  std::string when;
  std::string subject;
  std::string fields;
  std::string state_key;  // sync.state.local / sync.state.sent / sync.state.rejected
  std::string reason;
};

struct ConflictRow {
  std::string subject;
  std::string field;
  std::string kept_value;    // what the server kept
  std::string other_value;   // what lost
  std::string kept_label_key;   // sync.conflict.mine / theirs / kept
  std::string other_label_key;
};

struct View {
  bool enrolled = false;
  std::string server;          // "https://… (0114U163)"
  std::string phase;           // in the UI language
  std::string last_sync;       // "" never
  std::string last_error;
  bool synced = false;
  bool online = false;
  bool can_act = false;        // resend/discard/resolve/sync now
  bool engine_running = false;
  std::vector<ChangeRow> pending;
  std::vector<ChangeRow> rejected;
  std::vector<ConflictRow> conflicts;
  std::string message_key;     // result of the last action
  bool message_error = false;
};

struct Form {
  Tab tab = Tab::pending;
  std::optional<std::int64_t> confirm_discard;   // seq waiting for "yes, discard"
  std::optional<std::size_t> editing_conflict;   // index into conflicts
  std::string edit_value;
};

struct Intents {
  bool sync_now = false;
  std::optional<std::int64_t> resend;
  std::optional<std::int64_t> discard;            // confirmed
  std::optional<std::size_t> keep_mine;           // conflict index
  std::optional<std::size_t> keep_theirs;
  std::optional<std::pair<std::size_t, std::string>> edit;  // conflict index, new value
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::sync
