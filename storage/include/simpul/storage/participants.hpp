#pragma once
// Participants, their families (same KK) and KK history, and search.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/model.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

struct SearchPage {
  std::vector<Participant> items;
  bool more = false;  // another page exists
};

struct AuditEntry {
  std::int64_t at_ms = 0;
  std::string username;
  std::string action;  // create | update | delete | view | sync | sync-delete | sync-bootstrap (no values)
  Fields before;
  Fields after;
};

class Participants {
 public:
  explicit Participants(Replica& replica) : r_(replica) {}

  // Inserts a new participant (id assigned when empty) and its first KK history entry, in one transaction.
  // A NIK that is already on the replica is a conflict.
  Result<std::string> create(const Actor& who, Participant p);
  // Changes some fields. A new kk_number closes the previous KK history entry and opens one.
  // Returns false when nothing changed.
  Result<bool> update(const Actor& who, const std::string& id, const Fields& changes);

  Result<std::optional<Participant>> get(const std::string& id);
  Result<std::optional<Participant>> by_nik(const std::string& nik);
  Result<std::optional<Participant>> by_card(const std::string& card_number);
  // Members sharing the current KK number, head first.
  Result<std::vector<Participant>> family(const std::string& kk_number);
  Result<std::vector<KkRecord>> kk_history(const std::string& participant_id);
  Result<std::vector<AuditEntry>> audit_trail(const std::string& participant_id, std::size_t limit = 200);
  Result<std::int64_t> count();

  // Search as you type: 16 digits = exact NIK, other digits = NIK or card-number prefix
  // (a full 13-digit card number is its own prefix), anything else = name words (each a prefix; case- and accent-insensitive).
  Result<SearchPage> search(const std::string& query, std::size_t limit = 50, std::size_t offset = 0);

 private:
  Result<std::optional<Participant>> one(const std::string& sql, const std::string& arg);
  Result<std::vector<Participant>> many(const std::string& sql, const std::vector<std::string>& args,
                                        std::int64_t limit, std::int64_t offset);
  Replica& r_;
};

// The FTS5 query for a free-text name search ("siti nur" -> "siti"* AND "nur"*); empty when no words.
std::string fts_prefix_query(const std::string& text);

}  // namespace simpul::storage
