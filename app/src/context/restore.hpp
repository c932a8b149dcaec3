#pragma once
// Restoring the replica from a backup (Admin -> Backup). storage::restore_backup() needs the replica closed, and
// while the app runs the UI connection, the sync engine and tasks hold it open. So a restore is scheduled: the
// backup is verified now, and the file swap happens at the next start, in AppContext::open, before anything
// opens the replica.
#include <filesystem>
#include <optional>

#include "simpul/core/result.hpp"

namespace simpul::context {

// "<db>.restore-from": a text file holding the backup's path.
std::filesystem::path restore_marker(const std::filesystem::path& db);

// Verifies `backup` (read-only open, full integrity check) and writes the marker. Reads the whole file: run it in
// a task.
Status schedule_restore(const std::filesystem::path& db, const std::filesystem::path& backup);
// The backup a restore is scheduled from, if any.
std::optional<std::filesystem::path> scheduled_restore(const std::filesystem::path& db);
void cancel_restore(const std::filesystem::path& db);

// At start, before the replica is opened: swaps a scheduled backup in (storage::restore_backup) and removes the
// marker whatever the outcome, so a backup that went missing never stops the desk from starting. nullopt when no
// restore was scheduled.
std::optional<Status> apply_scheduled_restore(const std::filesystem::path& db);

}  // namespace simpul::context
