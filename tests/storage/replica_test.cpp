#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "simpul/core/clock.hpp"
#include "simpul/storage/codec.hpp"
#include "simpul/storage/outbox.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/storage/schema.hpp"
#include "simpul/storage/users.hpp"
#include "storage_fixture.hpp"

using namespace simpul;
using namespace simpul::storage;

TEST_F(ReplicaFixture, OpensWithDurablePragmas) {
  auto& db = replica->db();
  EXPECT_EQ(*db.query_text("PRAGMA journal_mode").value(), "wal");
  EXPECT_EQ(*db.query_int("PRAGMA synchronous").value(), 2);  // FULL
  EXPECT_EQ(*db.query_int("PRAGMA foreign_keys").value(), 1);
  EXPECT_EQ(*db.query_int("PRAGMA secure_delete").value(), 1);
  EXPECT_EQ(db.user_version(), latest_schema_version());
  EXPECT_FALSE(replica->device().install_id.empty());
}

TEST_F(ReplicaFixture, EveryEntityDescriptorMatchesItsTable) {
  for (const auto& e : entities()) {
    auto st = replica->db().prepare_uncached("SELECT name FROM pragma_table_info('" + e.table + "')");
    ASSERT_TRUE(st.ok()) << e.table;
    std::set<std::string> cols;
    while (st->step().value()) cols.insert(st->text(0));
    EXPECT_TRUE(cols.count("id")) << e.table;
    for (const auto& c : e.columns) EXPECT_TRUE(cols.count(c.name)) << e.table << "." << c.name;
    EXPECT_EQ(cols.size(), e.columns.size() + 1) << e.table << " has columns the descriptor does not know";
  }
}

TEST_F(ReplicaFixture, WriteAppendsOutboxAndAuditInSameTransaction) {
  Participants repo(*replica);
  auto id = repo.create(staff, sample_participant("3204104506900001"));
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto& db = replica->db();
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM outbox WHERE entity='participant'").value(), 1);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM outbox WHERE entity='kk_history'").value(), 1);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM audit_log WHERE action='create'").value(), 2);
  auto op = Outbox(db).list("pending");
  ASSERT_TRUE(op.ok());
  ASSERT_EQ(op->size(), 2u);
  auto fields = nlohmann::json::parse((*op)[0].fields);
  EXPECT_EQ(fields["nik"], "3204104506900001");
  EXPECT_EQ((*op)[0].user_id, staff.user_id);
  EXPECT_LT((*op)[0].seq, (*op)[1].seq);
  EXPECT_LT((*op)[0].hlc, (*op)[1].hlc);
}

TEST_F(ReplicaFixture, RolledBackWriteLeavesNoOutboxOrAudit) {
  {
    auto tx = Transaction::begin(replica->db());
    ASSERT_TRUE(tx.ok());
    auto w = replica->upsert(staff, "participant", "p1", to_fields(sample_participant("3204104506900001")));
    ASSERT_TRUE(w.ok());
    // no commit: the destructor rolls back
  }
  auto& db = replica->db();
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM participants").value(), 0);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM outbox").value(), 0);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM audit_log").value(), 0);
}

TEST_F(ReplicaFixture, UpdateCapturesOnlyChangedFieldsWithBeforeAndAfter) {
  Participants repo(*replica);
  auto id = repo.create(staff, sample_participant("3204104506900001"));
  ASSERT_TRUE(id.ok());
  auto changed = repo.update(staff, *id, Fields{{"email", "baru@contoh.id"}, {"name", "Siti Rahma"}});
  ASSERT_TRUE(changed.ok());
  EXPECT_TRUE(*changed);
  auto again = repo.update(staff, *id, Fields{{"email", "baru@contoh.id"}});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again) << "an update that changes nothing must not create an op";
  auto ops = Outbox(replica->db()).list("pending");
  ASSERT_EQ(ops->size(), 3u);
  auto f = nlohmann::json::parse(ops->back().fields);
  EXPECT_EQ(f.size(), 1u) << f.dump();  // name unchanged, only email
  EXPECT_EQ(f["email"], "baru@contoh.id");
  auto trail = repo.audit_trail(*id);
  ASSERT_TRUE(trail.ok());
  ASSERT_GE(trail->size(), 2u);
  EXPECT_EQ((*trail)[0].action, "update");
  EXPECT_EQ((*trail)[0].username, "siti.desk");
  EXPECT_EQ((*trail)[0].before["email"], "siti@contoh.id");
  EXPECT_EQ((*trail)[0].after["email"], "baru@contoh.id");
}

TEST_F(ReplicaFixture, UnknownFieldIsRejectedNotIgnored) {
  Participants repo(*replica);
  auto id = repo.create(staff, sample_participant("3204104506900001"));
  auto r = repo.update(staff, *id, Fields{{"nmae", "typo"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "field.unknown");
  EXPECT_EQ(*replica->db().query_int("SELECT count(*) FROM outbox").value(), 2);
}

TEST_F(ReplicaFixture, AuditLogIsAppendOnly) {
  Participants repo(*replica);
  ASSERT_TRUE(repo.create(staff, sample_participant("3204104506900001")).ok());
  EXPECT_FALSE(replica->db().exec("UPDATE audit_log SET username = 'x'").ok());
  EXPECT_FALSE(replica->db().exec("DELETE FROM audit_log").ok());
}

TEST_F(ReplicaFixture, DuplicateNikIsAConflict) {
  Participants repo(*replica);
  ASSERT_TRUE(repo.create(staff, sample_participant("3204104506900001")).ok());
  auto again = repo.create(staff, sample_participant("3204104506900001"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
}

TEST_F(ReplicaFixture, KkChangeKeepsHistory) {
  Participants repo(*replica);
  auto id = repo.create(staff, sample_participant("3204104506900001"));
  clock.advance_ms(40LL * 86'400'000);
  ASSERT_TRUE(repo.update(staff, *id, Fields{{"kk_number", "3204100101260009"}}).ok());
  auto hist = repo.kk_history(*id);
  ASSERT_TRUE(hist.ok());
  ASSERT_EQ(hist->size(), 2u);
  EXPECT_EQ((*hist)[0].kk_number, "3204101201150003");
  ASSERT_TRUE((*hist)[0].until.has_value());
  EXPECT_EQ((*hist)[1].kk_number, "3204100101260009");
  EXPECT_FALSE((*hist)[1].until.has_value());
}

TEST_F(ReplicaFixture, FamilyListsMembersOnSameKkHeadFirst) {
  Participants repo(*replica);
  auto child = sample_participant("3204101203150002");
  child.name = "Anak Pertama";
  child.relation = FamilyRelation::child;
  child.birth_date = Date{2015, 3, 12};
  ASSERT_TRUE(repo.create(staff, child).ok());
  auto head = sample_participant("3204100505850003");
  head.name = "Bapak Kepala";
  head.relation = FamilyRelation::head;
  head.sex = Sex::male;
  ASSERT_TRUE(repo.create(staff, head).ok());
  auto other = sample_participant("3204104506900001");
  other.kk_number = "3204109999990001";
  ASSERT_TRUE(repo.create(staff, other).ok());
  auto fam = repo.family("3204101201150003");
  ASSERT_TRUE(fam.ok());
  ASSERT_EQ(fam->size(), 2u);
  EXPECT_EQ((*fam)[0].name, "Bapak Kepala");
}

TEST_F(ReplicaFixture, RemoteApplyKeepsUnconfirmedLocalEdits) {
  Participants repo(*replica);
  auto id = repo.create(staff, sample_participant("3204104506900001"));
  ASSERT_TRUE(repo.update(staff, *id, Fields{{"phone", "+6281234567890"}}).ok());
  // The server's copy (not yet including our phone change) arrives, with a card number it assigned.
  auto server_row = to_fields(sample_participant("3204104506900001"));
  server_row["card_number"] = "0001234567890";
  server_row["phone"] = "+6281111111111";
  {
    auto tx = Transaction::begin(replica->db());
    ASSERT_TRUE(replica->apply_remote("participant", *id, &server_row).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  auto p = repo.get(*id);
  ASSERT_TRUE(p.ok() && p->has_value());
  EXPECT_EQ((*p)->card_number, "0001234567890");
  EXPECT_EQ((*p)->phone, "+6281234567890");
  // No new outbox op was created by applying the remote row.
  EXPECT_EQ(*replica->db().query_int("SELECT count(*) FROM outbox").value(), 3);
}

TEST_F(ReplicaFixture, OutboxStatesAndRecordState) {
  Participants repo(*replica);
  auto id = repo.create(staff, sample_participant("3204104506900001"));
  Outbox outbox(replica->db());
  EXPECT_EQ(*outbox.record_state("participant", *id), "local");
  auto batch = outbox.next_batch(10);
  ASSERT_EQ(batch->size(), 2u);
  ASSERT_TRUE(outbox.mark_sent({(*batch)[0].seq}).ok());
  EXPECT_EQ(*outbox.record_state("participant", *id), "sent");
  ASSERT_TRUE(outbox.reject((*batch)[0].seq, "NIK not found in civil registry").ok());
  EXPECT_EQ(*outbox.record_state("participant", *id), "rejected");
  EXPECT_EQ(outbox.counts()->rejected, 1);
  EXPECT_EQ(outbox.counts()->pending, 1);
  // A rejected op never blocks later ones: the next batch holds only the remaining op.
  auto next = outbox.next_batch(10);
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ((*next)[0].entity, "kk_history");
  ASSERT_TRUE(outbox.resend((*batch)[0].seq).ok());
  ASSERT_TRUE(outbox.confirm((*batch)[0].seq, "applied").ok());
  EXPECT_EQ(*outbox.record_state("participant", *id), "confirmed");
}

TEST_F(ReplicaFixture, OutboxMarksAndConfirmsAWholeBatchAtOnce) {
  Participants repo(*replica);
  ASSERT_TRUE(repo.create(staff, sample_participant("3204104506900001")).ok());
  ASSERT_TRUE(repo.create(staff, sample_participant("3204104506900002")).ok());
  Outbox outbox(replica->db());
  auto batch = outbox.next_batch(10);
  ASSERT_EQ(batch->size(), 4u);
  std::vector<std::int64_t> seqs;
  for (const auto& op : *batch) seqs.push_back(op.seq);
  ASSERT_TRUE(outbox.mark_sent(seqs).ok());
  ASSERT_TRUE(outbox.mark_sent({seqs[0]}).ok());  // sent again: still "sent", one more attempt
  auto sent = outbox.list("sent");
  ASSERT_EQ(sent->size(), 4u);
  EXPECT_EQ((*sent)[0].attempts, 2);
  EXPECT_EQ((*sent)[1].attempts, 1);
  ASSERT_TRUE(outbox.confirm({seqs[0], seqs[2]}, "applied").ok());
  ASSERT_TRUE(outbox.confirm({seqs[1]}, "merged").ok());
  auto confirmed = outbox.list("confirmed");
  ASSERT_EQ(confirmed->size(), 3u);
  EXPECT_EQ((*confirmed)[0].result, "applied");
  EXPECT_EQ((*confirmed)[1].result, "merged");
  EXPECT_EQ((*confirmed)[2].result, "applied");
  EXPECT_EQ(outbox.counts()->pending, 1);
  // An answer about an op the outbox does not hold is an error, as for a single op.
  auto missing = outbox.confirm({seqs[3], 999999}, "applied");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "outbox.not_found");
}

TEST_F(ReplicaFixture, HlcResumesAfterRestartEvenIfClockWentBack) {
  Participants repo(*replica);
  ASSERT_TRUE(repo.create(staff, sample_participant("3204104506900001")).ok());
  const std::string last = Outbox(replica->db()).list("pending")->back().hlc;
  replica.reset();
  clock.set_ms(clock.now_ms() - 7LL * 86'400'000);  // the laptop's clock was reset a week back
  reopen();
  Participants again(*replica);
  auto p = sample_participant("3204100505850003");
  ASSERT_TRUE(again.create(staff, p).ok());
  EXPECT_GT(Outbox(replica->db()).list("pending")->back().hlc, last);
}

TEST_F(ReplicaFixture, PasswordsAreArgon2idAndLoginIsUniform) {
  Users users(*replica);
  User u;
  u.username = "admin";
  u.role = Role::admin;
  ASSERT_TRUE(users.create(staff, u, "rahasia-sekali").ok());
  auto stored = users.by_username("admin");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(users.authenticate("admin", "rahasia-sekali").ok());
  auto wrong = users.authenticate("admin", "salah");
  auto unknown = users.authenticate("nobody", "salah");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_FALSE(users.create(staff, User{"", "x", "", Role::viewer, "", true, false}, "short").ok());
  // The outbox op for the user carries the hash, never the password.
  auto pending = Outbox(replica->db()).list("pending");
  ASSERT_TRUE(pending.ok());
  for (const auto& op : *pending) {
    EXPECT_EQ(op.fields.find("rahasia-sekali"), std::string::npos);
  }
}

TEST_F(ReplicaFixture, BackupAndRestoreRoundTrip) {
  Participants repo(*replica);
  ASSERT_TRUE(repo.create(staff, sample_participant("3204104506900001")).ok());
  const std::string backup = dir / "backup.db";
  ASSERT_TRUE(replica->db().backup_to(backup).ok());
  EXPECT_FALSE(replica->db().backup_to(backup).ok()) << "never overwrite an existing backup";
  ASSERT_TRUE(repo.create(staff, sample_participant("3204100505850003")).ok());
  replica.reset();
  ASSERT_TRUE(restore_backup(backup, path).ok());
  reopen();
  EXPECT_EQ(*Participants(*replica).count(), 1);
}

TEST_F(ReplicaFixture, CorruptFileIsReportedAsCorrupt) {
  replica.reset();
  {
    FILE* f = std::fopen(path.c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    std::fseek(f, 0, SEEK_SET);
    std::fputs("this is not a database header", f);
    std::fclose(f);
  }
  std::filesystem::remove(path + "-wal");
  auto r = Replica::open(path, clock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::corrupt);
}
