#pragma once
// The server's store: a narrow, transactional interface under the sync service. It knows tables and
// rows, never the merge, scope or business rules (those live in sync_service.cpp and scope.cpp), so a
// PostgreSQL store (pg_store.hpp) implements the same interface and inherits every rule unchanged.
//
// What an implementation must guarantee:
//  * write() transactions are serialisable with respect to each other; tx numbers are assigned in the
//    writing transaction and a reader that sees transaction N also sees every transaction < N. SQLite
//    gets this for free (one writer at a time, BEGIN IMMEDIATE). PostgreSQL (pg_store.hpp) serialises
//    the assignment with the commit: each write transaction first locks the one row holding last_tx and
//    holds the lock until it ends, so writers of every process queue there. (Taking a number from a
//    sequence at the start would not do: N+1 may commit before N, and a client could store a cursor past
//    a transaction that commits later and skip it.)
//  * read() sees one consistent snapshot for its whole lifetime.
//  * ids compare in byte order (PostgreSQL: COLLATE "C"), so scans match the client's digest order.
//  * scan rows carry the canonical value text of sync::wire_row (integers in decimal, reals %.17g).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/schema.hpp"
#include "simpul/sync/protocol.hpp"

namespace simpul::server {

using storage::EntityDef;
using storage::Fields;

// Who last wrote a field and when: the merge compares `hlc`; conflict detection compares `tx` with
// the op's base_cursor and `device` with the op's device.
struct FieldClock {
  std::string hlc;     // HlcTimestamp::encode(), skew-corrected
  std::string device;  // device id, or "server" / "seed"
  std::int64_t tx = 0;
};
using FieldClocks = std::map<std::string, FieldClock>;
// The stored form of a row's clocks (the _clocks column): compact text, see store.cpp. Decoding also reads
// the JSON form earlier servers wrote, so existing stores need no migration.
std::string encode_clocks(const FieldClocks& clocks);
FieldClocks decode_clocks(std::string_view text);

struct StoredRow {
  std::string id;
  Fields fields = Fields::object();  // every column of the entity (null when unset), without "id"
  FieldClocks clocks;                // per field, plus "_deleted" for a tombstone
  bool deleted = false;
  std::int64_t tx = 0;               // last transaction that changed the content
  std::string hlc;                   // newest field timestamp (sent with the row on pull)
};

// A row as the client sees it, with the server columns a pull needs.
struct ScanRow {
  sync::WireRow row;
  bool deleted = false;
  std::int64_t tx = 0;
};

struct ChangeEntry {
  std::string facility;  // a facility code, or kSharedScope for reference data every device receives
  std::uint32_t entity = 0;
  std::string id;
  sync::ChangeKind kind = sync::ChangeKind::upsert;
  std::string canonical_id;  // alias only
};
struct LogEntry : ChangeEntry {
  std::int64_t tx = 0;
};
inline constexpr const char* kSharedScope = "*";

// Change-log entries of one scope with their log positions, in log order.
using LogRange = std::vector<std::pair<std::int64_t, LogEntry>>;
// A facility's entries and the shared ones merged in log order, at most `limit`.
std::vector<LogEntry> merge_log_ranges(LogRange mine, LogRange shared, std::size_t limit);

struct DeviceRecord {
  std::string device_id;
  std::string facility;
  std::string install_id;
  std::string name;
  std::string token_hash;  // SHA-256 hex of the token; the token itself is never stored
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> revoked_at_ms;
  std::optional<std::int64_t> last_seen_ms;
  std::int64_t last_cursor = 0;
};

struct EnrollCode {
  std::string code_hash;
  std::string facility;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  std::optional<std::int64_t> used_at_ms;
  std::string device_id;
};

// One person as the civil registry (the synthetic Dukcapil) knows them.
struct CivilPerson {
  std::string nik;
  std::string name;
  std::string birth_date;  // YYYY-MM-DD
  std::string sex;         // L | P
  std::string kk_number;
  std::string relation;
  std::string street, rt, rw, village_code, postal_code;
  bool in_jkn = false;  // already a participant (demo bookkeeping)
};

// Mobile JKN "WS Antrean FKTP" (jkn_antrean.hpp): a facility's credentials, the tokens /auth issued,
// and the patients Mobile JKN registered through POST /peserta (medical record numbers).
struct JknCredential {
  std::string facility;
  std::string username;
  std::string password_hash;  // argon2id (crypto_pwhash_str)
  std::int64_t updated_at_ms = 0;
};

struct JknToken {
  std::string token_hash;  // SHA-256 hex; the token itself is never stored
  std::string facility;
  std::string username;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
};

struct JknPatient {
  std::string facility;
  std::string card_number;
  std::string norm;            // nomor rekam medis at this facility
  std::string participant_id;  // the participant with this card, when the server has one
  std::string data;            // the POST /peserta body as sent (JSON text)
  std::int64_t created_at_ms = 0;
};

struct FacilitySummary {
  std::string code, name, type;
  std::int64_t participants = 0;  // not deleted, with this FKTP
};

struct CompactCounts {
  std::int64_t log_floor = 0;       // cursors older than this now get reset_required
  std::int64_t log_entries = 0;     // change-log entries deleted
  std::int64_t tombstones = 0;      // tombstones whose content was dropped
};

// Reads, inside one consistent snapshot.
class StoreRead {
 public:
  virtual ~StoreRead() = default;

  virtual Result<std::optional<StoredRow>> load(const EntityDef& def, const std::string& id) = 0;
  // Ids of rows (tombstones included) whose `column` equals `value`; `column` must be indexed.
  virtual Result<std::vector<std::string>> find_ids(const EntityDef& def, const std::string& column,
                                                    const std::string& value) = 0;
  // The facilities whose scope holds the row (row scope membership; empty for shared entities).
  virtual Result<std::vector<std::string>> scope_of(std::uint32_t entity, const std::string& id) = 0;
  // Live (not deleted) rows of `entity` with id > after_id, by id: those in `facility`'s scope, or all
  // rows when facility is nullopt (shared reference data).
  virtual Result<std::vector<ScanRow>> scan(std::uint32_t entity, const std::optional<std::string>& facility,
                                            const std::string& after_id, std::size_t limit) = 0;
  virtual Result<std::uint64_t> count_live(std::uint32_t entity, const std::optional<std::string>& facility) = 0;
  // The row as the client sees it (nullopt when absent).
  virtual Result<std::optional<ScanRow>> load_wire(std::uint32_t entity, const std::string& id) = 0;

  // Change-log entries for `facility` or kSharedScope with after_tx < tx <= through_tx, in log order.
  virtual Result<std::vector<LogEntry>> changes(const std::string& facility, std::int64_t after_tx,
                                                std::int64_t through_tx, std::size_t limit) = 0;
  virtual Result<std::int64_t> last_tx() = 0;
  virtual Result<std::int64_t> log_floor() = 0;  // entries with tx <= floor are gone

  // The answers already given to this device's ops among `seqs`, by seq: one read for a whole push.
  virtual Result<std::map<std::int64_t, sync::OpResult>> applied(const std::string& device_id,
                                                                 const std::vector<std::int64_t>& seqs) = 0;
  virtual Result<std::optional<std::string>> alias_of(const std::string& id) = 0;
  virtual Result<std::vector<std::string>> touching_facilities(const std::string& participant_id) = 0;
  // A live participant with this NIK other than `except_id`, the oldest first.
  virtual Result<std::optional<std::string>> participant_by_nik(const std::string& nik,
                                                                const std::string& except_id) = 0;
  virtual Result<std::optional<CivilPerson>> civil_person(const std::string& nik) = 0;

  virtual Result<std::optional<DeviceRecord>> device(const std::string& device_id) = 0;
  virtual Result<std::vector<DeviceRecord>> devices() = 0;
  virtual Result<std::vector<FacilitySummary>> facility_summaries() = 0;

  // Ids of rows (tombstones included) whose columns equal all of `equals`, by id. The first column must
  // be indexed.
  virtual Result<std::vector<std::string>> find_ids_where(
      const EntityDef& def, const std::vector<std::pair<std::string, std::string>>& equals) = 0;
  virtual Result<std::optional<JknCredential>> jkn_credential(const std::string& facility) = 0;
  virtual Result<std::optional<JknToken>> jkn_token(const std::string& token_hash) = 0;
  virtual Result<std::optional<JknPatient>> jkn_patient(const std::string& facility,
                                                        const std::string& card_number) = 0;
};

// A write transaction (BEGIN IMMEDIATE on SQLite). Rolls back unless commit() succeeds.
class StoreTx : public StoreRead {
 public:
  // This transaction's number: every row written and every change-log entry carries it.
  virtual std::int64_t tx() const = 0;

  virtual Status write(const EntityDef& def, const StoredRow& row) = 0;
  virtual Status add_scope(std::uint32_t entity, const std::string& id, const std::string& facility) = 0;
  virtual Status remove_scope(std::uint32_t entity, const std::string& id, const std::string& facility) = 0;
  virtual Status append_changes(const std::vector<ChangeEntry>& entries) = 0;
  // The answers of one request, written together (their seqs are distinct and not recorded yet).
  virtual Status record_applied(const std::string& device_id, const std::vector<sync::OpResult>& results) = 0;
  // true when the touch is new.
  virtual Result<bool> add_touch(const std::string& facility, const std::string& participant_id) = 0;
  virtual Status add_alias(const std::string& alias_id, const std::string& canonical_id) = 0;
  virtual Result<std::int64_t> next_counter(const std::string& name, std::int64_t floor) = 0;

  // Per-op atomicity inside the request's transaction: a rejected op leaves nothing behind.
  virtual Status savepoint() = 0;
  virtual Status release_savepoint() = 0;
  virtual Status rollback_to_savepoint() = 0;

  virtual Status put_device(const DeviceRecord& device) = 0;
  virtual Status put_enroll_code(const EnrollCode& code) = 0;
  virtual Result<std::optional<EnrollCode>> enroll_code(const std::string& code_hash) = 0;
  virtual Status put_civil_person(const CivilPerson& person) = 0;
  virtual Status touch_device(const std::string& device_id, std::int64_t seen_ms, std::int64_t cursor) = 0;

  virtual Status put_jkn_credential(const JknCredential& credential) = 0;
  // Stores a new token and drops the expired ones (expires_at_ms <= now_ms).
  virtual Status put_jkn_token(const JknToken& token, std::int64_t now_ms) = 0;
  virtual Status put_jkn_patient(const JknPatient& patient) = 0;

  // Drops change-log entries of transactions committed before `before_ms` and the content of
  // tombstones as old; raises the log floor.
  virtual Result<CompactCounts> compact(std::int64_t before_ms) = 0;

  virtual Status commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::unique_ptr<StoreTx>> write(std::int64_t now_ms) = 0;
  virtual Result<std::unique_ptr<StoreRead>> read() = 0;
  virtual int schema_version() const = 0;
};

}  // namespace simpul::server
