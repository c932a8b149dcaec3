// The client operations against the in-memory fake server: enrollment, push verdicts, pages stored with
// their cursor, bootstrap resume, aliases, client reset, digest repair and the needs-attention list.
#include <gtest/gtest.h>

#include "simpul/storage/outbox.hpp"
#include "simpul/storage/participants.hpp"
#include "simpul/storage/schema.hpp"
#include "simpul/sync/attention.hpp"
#include "simpul/sync/status.hpp"
#include "simpul/sync/sync_state.hpp"
#include "sync_fixture.hpp"

using namespace simpul;
using namespace simpul::sync;
using namespace simpul::test;
using storage::Fields;

class SyncClientTest : public SyncFixture {};

TEST_F(SyncClientTest, EnrollStoresIdentityAndKeepsTheTokenInTheReplicaOnly) {
  Desk d = make_desk("a", default_options(), /*enroll=*/false);
  auto client = client_for(d);
  auto bad = client.enroll("http://fake", "0114U163", "999999");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "bad_code");
  EXPECT_FALSE(d.sync_replica().device().enrolled());

  server.skew_ms = 3'600'000;  // the desk's clock is an hour behind the server's
  auto ok = client.enroll("http://fake", "0114U163", server.enroll_code);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  const auto device = d.ui->device();
  EXPECT_EQ(device.device_id, "dev-1");
  EXPECT_EQ(device.facility, "0114U163");
  EXPECT_EQ(device.server_url, "http://fake");
  EXPECT_EQ(d.ui->device_token(), "token-1-s3cr3t");
  EXPECT_EQ(d.ui->setting("facility_name").value_or(""), "Puskesmas 0114U163");
  EXPECT_NEAR(static_cast<double>(load_sync_state(d.ui->db())->clock_offset_ms), 3'600'000.0, 1000.0);

  auto again = client.enroll("http://fake", "0114U163", server.enroll_code);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "already_enrolled");
  // The token appears nowhere but the device table.
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM audit_log WHERE coalesce(after,'') LIKE '%s3cr3t%' "
                        "OR coalesce(before,'') LIKE '%s3cr3t%'"), 0);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM settings WHERE value LIKE '%s3cr3t%'"), 0);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM sync_state WHERE coalesce(last_error,'') LIKE '%s3cr3t%'"), 0);
}

TEST_F(SyncClientTest, PushAndPullConvergeTwoDesksWithEqualDigests) {
  Desk a = make_desk("a");
  Desk b = make_desk("b");
  write(*a.ui, "participant", "p-1", person("3204104506900001", "Siti Rahma"));
  write(*a.ui, "kk_history", "k-1", Fields{{"participant_id", "p-1"}, {"kk_number", "3204101201150003"}});
  write(*b.ui, "participant", "p-2", person("3204104506900002", "Budi Santoso"));
  server.put("facility", "0114U163", Fields{{"type", "puskesmas"}, {"name", "Puskesmas Cibiru"}});

  auto ca = client_for(a);
  auto cb = client_for(b);
  auto ra = ca.sync_once();
  ASSERT_TRUE(ra.ok()) << ra.error().message;
  EXPECT_EQ(ra->push.applied, 2);
  EXPECT_TRUE(ra->pull.bootstrap);
  auto rb = cb.sync_once();
  ASSERT_TRUE(rb.ok()) << rb.error().message;
  ASSERT_TRUE(ca.sync_once().ok());

  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM participants"), 2);
  EXPECT_EQ(count(*b.ui, "SELECT count(*) FROM participants"), 2);
  EXPECT_EQ(count(*b.ui, "SELECT count(*) FROM kk_history WHERE participant_id = 'p-1'"), 1);
  EXPECT_EQ(text(*b.ui, "SELECT name FROM facilities WHERE id = '0114U163'"), "Puskesmas Cibiru");
  EXPECT_EQ(digest(*a.ui), server.digest());
  EXPECT_EQ(digest(*b.ui), server.digest());
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM outbox WHERE state <> 'confirmed'"), 0);
  EXPECT_EQ(server.applied_ops(), 3);

  // Every request carried the protocol and schema versions (the fake answers 426 otherwise).
  EXPECT_EQ(server.calls("/v1/push"), 2);

  auto digest_check = ca.check_digest();
  ASSERT_TRUE(digest_check.ok());
  EXPECT_TRUE(digest_check->equal);
}

TEST_F(SyncClientTest, RejectedOpGoesToNeedsAttentionAndDoesNotBlockLaterOps) {
  Desk d = make_desk("a");
  server.reject_if = [](const WireOp& op) -> std::optional<std::string> {
    if (op.fields.find("POISON") != std::string::npos) return std::string("nik.invalid: the NIK is not 16 digits");
    return std::nullopt;
  };
  write(*d.ui, "participant", "p-1", person("3204104506900001", "Siti"));
  write(*d.ui, "participant", "p-2", person("POISON", "Bad"));
  write(*d.ui, "participant", "p-3", person("3204104506900003", "Ani"));
  auto c = client_for(d);
  auto r = c.push();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->applied, 2);
  EXPECT_EQ(r->rejected, 1);
  ASSERT_EQ(r->newly_rejected.size(), 1u);
  EXPECT_EQ(r->newly_rejected[0].entity_id, "p-2");
  EXPECT_EQ(r->newly_rejected[0].reason, "nik.invalid: the NIK is not 16 digits");
  EXPECT_TRUE(server.row("participant", "p-3").has_value()) << "the op after the poison one went through";

  auto status = read_status(d.ui->db());
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->pending_ops, 0);
  EXPECT_EQ(status->rejected_ops, 1);
  ASSERT_EQ(status->rejected.size(), 1u);
  EXPECT_EQ(status->rejected[0].reason, "nik.invalid: the NIK is not 16 digits");

  // A second push sends nothing: rejected ops wait for the user.
  auto again = c.push();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sent, 0);

  // Fixed and re-sent: a NEW op (new seq), because the server keeps its verdict for the old key.
  write(*d.ui, "participant", "p-2", Fields{{"nik", "3204104506900002"}});
  server.reject_if = nullptr;
  NeedsAttention attention(*d.ui);
  const std::int64_t old_seq = status->rejected[0].seq;
  auto fresh = attention.resend(old_seq, storage::Actor{"u-2", "kepala"});
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  EXPECT_GT(*fresh, old_seq);
  EXPECT_EQ(text(*d.ui, "SELECT state || '/' || result FROM outbox WHERE seq = " + std::to_string(old_seq)),
            "discarded/resent:" + std::to_string(*fresh));
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM audit_log WHERE action = 'outbox-resend' AND user_id = 'u-2'"), 1);
  auto pushed = c.push();
  ASSERT_TRUE(pushed.ok());
  EXPECT_EQ(pushed->rejected, 0);
  EXPECT_EQ(server.row("participant", "p-2")->value("nik", ""), "3204104506900002");
  EXPECT_EQ(read_status(d.ui->db())->rejected_ops, 0);
}

TEST_F(SyncClientTest, DiscardIsAuditedAndAsksForADigestCheck) {
  Desk d = make_desk("a");
  server.reject_if = [](const WireOp&) -> std::optional<std::string> { return std::string("scope: not yours"); };
  write(*d.ui, "participant", "p-9", person("3204104506900009", "Tono"));
  auto c = client_for(d);
  ASSERT_TRUE(c.push().ok());
  ASSERT_TRUE(save_digest_time(d.ui->db(), clock.now_ms()).ok());
  NeedsAttention attention(*d.ui);
  auto list = attention.list();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  ASSERT_TRUE(attention.discard((*list)[0].seq, storage::Actor{"u-2", "kepala"}).ok());
  EXPECT_TRUE(attention.list()->empty());
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM audit_log WHERE action = 'outbox-discard' AND user_id = 'u-2'"), 1);
  EXPECT_FALSE(load_sync_state(d.ui->db())->last_digest_at_ms.has_value());
  auto twice = attention.discard((*list)[0].seq, storage::Actor{"u-2", "kepala"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "outbox.not_rejected");
}

TEST_F(SyncClientTest, AFailingPageLeavesTheCursorAndTheReplicaUntouched) {
  Desk d = make_desk("a");
  auto c = client_for(d);
  ASSERT_TRUE(c.sync_once().ok());
  const auto before = load_sync_state(d.ui->db());
  ASSERT_TRUE(before.ok());

  // One server transaction with a good row and a row the replica cannot store (NOT NULL nik missing).
  server.put("participant", "p-good", person("3204104506900001", "Siti"));
  server.put("participant", "p-bad", Fields{{"name", "No NIK"}});
  auto r = c.pull();
  ASSERT_FALSE(r.ok());
  const auto after = load_sync_state(d.ui->db());
  EXPECT_EQ(after->cursor, before->cursor) << "the cursor moved without its page";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants"), 0) << "half a page was applied";

  // Once the server fixes the row, the same page applies as a whole.
  server.put("participant", "p-bad", Fields{{"nik", "3204104506900002"}});
  auto fixed = c.pull();
  ASSERT_TRUE(fixed.ok()) << fixed.error().message;
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants"), 2);
  EXPECT_EQ(load_sync_state(d.ui->db())->cursor, server.last_tx());
}

TEST_F(SyncClientTest, BootstrapResumesWhereItStoppedAndReportsProgress) {
  for (int i = 0; i < 25; ++i) {
    char nik[17];
    std::snprintf(nik, sizeof nik, "32041045069%05d", i);
    server.put("participant", "p-" + std::to_string(100 + i), person(nik, "Warga " + std::to_string(i)));
  }
  server.put("bill", "b-1", Fields{{"participant_id", "p-100"}, {"period", "2026-01"}, {"amount", 35000},
                                   {"status", "unpaid"}});
  Desk d = make_desk("a");
  ClientOptions small;
  small.pull_max_rows = 10;
  SyncClient c(d.sync_replica(), d.engine->transport(), small);
  std::vector<Progress> seen;
  c.set_events(ClientEvents{nullptr, [&](const Progress& p) { seen.push_back(p); }});

  // The link drops on the third page.
  d.transport->add_fault(
      FakeTransport::Fault{FakeTransport::Fault::When::before, NetFailure::recv, "/v1/pull", /*after=*/2});
  auto cut = c.pull();
  ASSERT_FALSE(cut.ok());
  const auto mid = load_sync_state(d.ui->db());
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->cursor, 0);
  EXPECT_TRUE(mid->snapshot.active);
  EXPECT_EQ(mid->snapshot.rows_done, 20u);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants"), 20);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().rows_done, 20u);
  EXPECT_EQ(seen.back().rows_total, 26u);
  EXPECT_GT(seen.back().bytes_done, 0u);
  EXPECT_GT(seen.back().bytes_total, seen.back().bytes_done);
  // What the desk would show without going online.
  auto persisted = read_status(d.ui->db());
  EXPECT_EQ(persisted->progress.rows_done, 20u);
  EXPECT_EQ(persisted->progress.rows_total, 26u);

  // Resumes from the stored position: the first request continues the snapshot, nothing is fetched twice.
  server.pulls.clear();
  auto rest = c.pull();
  ASSERT_TRUE(rest.ok()) << rest.error().message;
  ASSERT_FALSE(server.pulls.empty());
  EXPECT_TRUE(server.pulls.front().snapshot.active);
  EXPECT_EQ(server.pulls.front().snapshot.rows_done, 20u);
  EXPECT_EQ(rest->upserts, 6u);
  EXPECT_EQ(seen.back().rows_done, 26u);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants"), 25);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM bills"), 1);
  const auto done = load_sync_state(d.ui->db());
  EXPECT_TRUE(done->bootstrap_done);
  EXPECT_FALSE(done->snapshot.active);
  EXPECT_EQ(done->cursor, server.last_tx());
  EXPECT_EQ(digest(*d.ui), server.digest());
}

namespace {

// Every synced table's rows with each value's storage type: what a pull stored, exactly.
std::string typed_dump(storage::Replica& r) {
  std::string out;
  for (const auto& def : storage::entities()) {
    std::string sql = "SELECT typeof(id) || ':' || quote(id)";
    for (const auto& c : def.columns) sql += " || '|' || typeof(" + c.name + ") || ':' || quote(" + c.name + ")";
    auto st = r.db().prepare(sql + " FROM " + def.table + " ORDER BY id");
    while (st->step().value_or(false)) out += def.table + " " + st->text(0) + "\n";
  }
  return out;
}

void put_people(FakeServer& server, int n) {
  for (int i = 0; i < n; ++i) {
    char nik[17];
    std::snprintf(nik, sizeof nik, "32041045069%05d", i);
    const std::string id = "p-" + std::to_string(100 + i);
    server.put("participant", id, Fields{{"nik", nik}, {"name", "Warga " + std::to_string(i)}, {"fktp", "0114U163"},
                                         {"class", 1 + i % 3}, {"phone", nullptr}});
    server.put("bill", "b-" + std::to_string(100 + i), Fields{{"participant_id", id}, {"period", "2026-01"},
                                                             {"amount", 35000 + i}, {"status", "unpaid"}});
  }
}

}  // namespace

TEST_F(SyncClientTest, BulkBootstrapStoresWhatTheRowByRowPathStores) {
  // Desk b is bootstrapped before the rows exist and receives them from the change log, row by row; desk a
  // bootstraps afterwards and inserts the same rows in bulk from snapshot pages.
  Desk b = make_desk("b");
  auto cb = client_for(b);
  ASSERT_TRUE(cb.sync_once().ok());
  put_people(server, 25);
  ASSERT_TRUE(cb.pull().ok());
  Desk a = make_desk("a");
  ClientOptions small;
  small.pull_max_rows = 10;
  SyncClient ca(a.sync_replica(), a.engine->transport(), small);
  auto pulled = ca.pull();
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_TRUE(pulled->bootstrap);
  EXPECT_EQ(pulled->upserts, 50u);
  EXPECT_GT(pulled->pages, 4);

  EXPECT_EQ(typed_dump(*a.ui), typed_dump(*b.ui));
  EXPECT_EQ(digest(*a.ui), server.digest());
  EXPECT_EQ(digest(*b.ui), server.digest());
  const std::string hits = "SELECT count(*) FROM participants_fts WHERE participants_fts MATCH 'warga'";
  EXPECT_EQ(count(*a.ui, hits), 25) << "the FTS index follows bulk inserts";
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM participants_fts WHERE participants_fts MATCH 'warga AND 7'"), 1);
  EXPECT_TRUE(a.ui->db().exec("INSERT INTO participants_fts(participants_fts) VALUES ('integrity-check')").ok());

  // One audit entry per entity and page instead of one per row; each names the ids it brought.
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM audit_log WHERE action = 'sync'"), 0);
  EXPECT_EQ(count(*a.ui, "SELECT coalesce(sum(json_extract(after, '$.rows')), 0) FROM audit_log "
                         "WHERE action = 'sync-bootstrap' AND entity = 'participant' AND entity_id = ''"), 25);
  EXPECT_EQ(count(*a.ui, "SELECT coalesce(sum(json_extract(after, '$.rows')), 0) FROM audit_log "
                         "WHERE action = 'sync-bootstrap' AND entity = 'bill'"), 25);
}

TEST_F(SyncClientTest, ARecordsHistoryShowsTheBootstrapPageThatBroughtIt) {
  put_people(server, 25);
  Desk d = make_desk("a");
  ClientOptions small;
  small.pull_max_rows = 10;
  SyncClient c(d.sync_replica(), d.engine->transport(), small);
  ASSERT_TRUE(c.pull().ok());
  storage::Participants repo(*d.ui);
  for (const std::string id : {"p-100", "p-109", "p-110", "p-124"}) {
    auto trail = repo.audit_trail(id);
    ASSERT_TRUE(trail.ok());
    ASSERT_EQ(trail->size(), 1u) << id << ": exactly the page that brought it";
    EXPECT_EQ(trail->front().action, "sync-bootstrap");
    EXPECT_TRUE(trail->front().after.is_null()) << "the page's own description is not the record's fields";
  }
  EXPECT_TRUE(repo.audit_trail("p-999")->empty());

  // Later changes from the server are audited per row, on top.
  server.put("participant", "p-105", Fields{{"phone", "+62811"}});
  ASSERT_TRUE(c.pull().ok());
  auto trail = repo.audit_trail("p-105");
  ASSERT_EQ(trail->size(), 2u);
  EXPECT_EQ(trail->front().action, "sync");
  EXPECT_EQ(trail->front().after.value("phone", ""), "+62811");
  EXPECT_EQ(trail->back().action, "sync-bootstrap");
}

TEST_F(SyncClientTest, BootstrapKeepsLocalEditsNotYetOnTheServer) {
  put_people(server, 3);
  Desk d = make_desk("a");
  // Before its first pull the desk edited p-100 and deleted p-101 (both on the server too), and holds
  // p-102 as the server has it but already confirmed (no op left): none of it may be overwritten blindly.
  write(*d.ui, "participant", "p-100", person("3204104506900000", "Warga Lokal"));
  write(*d.ui, "participant", "p-101", person("3204104506900001", "Warga 1"));
  erase(*d.ui, "participant", "p-101");
  write(*d.ui, "participant", "p-102", person("3204104506900002", "Nama Lama"));
  ASSERT_TRUE(d.ui->db().exec("UPDATE outbox SET state = 'confirmed' WHERE entity_id = 'p-102'").ok());
  auto c = client_for(d);
  auto pulled = c.pull();
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_EQ(text(*d.ui, "SELECT name FROM participants WHERE id = 'p-100'"), "Warga Lokal") << "local edit lost";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants WHERE id = 'p-101'"), 0) << "local delete undone";
  EXPECT_EQ(text(*d.ui, "SELECT name FROM participants WHERE id = 'p-102'"), "Warga 2") << "stale row kept";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM audit_log WHERE action = 'sync' AND entity_id = 'p-102'"), 1);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants_fts WHERE participants_fts MATCH 'lama'"), 0);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM bills"), 3);
  // Once pushed, everyone agrees.
  ASSERT_TRUE(c.sync_once().ok());
  EXPECT_EQ(digest(*d.ui), server.digest());
}

TEST_F(SyncClientTest, AnAnswerLostWhileThePageBeforeIsStoredResumesFromThatPage) {
  put_people(server, 25);
  Desk d = make_desk("a");
  ClientOptions small;
  small.pull_max_rows = 10;
  SyncClient c(d.sync_replica(), d.engine->transport(), small);
  // The server builds page 3 (asked for while page 2 is stored), but its answer never arrives.
  d.transport->add_fault(
      FakeTransport::Fault{FakeTransport::Fault::When::after, NetFailure::recv, "/v1/pull", /*after=*/2});
  auto cut = c.pull();
  ASSERT_FALSE(cut.ok());
  const auto mid = load_sync_state(d.ui->db());
  EXPECT_EQ(mid->snapshot.rows_done, 20u) << "pages 1 and 2 stored with their position, page 3 not";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants") + count(*d.ui, "SELECT count(*) FROM bills"), 20);

  server.pulls.clear();
  auto rest = c.pull();
  ASSERT_TRUE(rest.ok()) << rest.error().message;
  EXPECT_EQ(server.pulls.front().snapshot.rows_done, 20u);
  EXPECT_EQ(rest->upserts, 30u);
  EXPECT_EQ(digest(*d.ui), server.digest());
}

TEST_F(SyncClientTest, DuplicateRegistrationIsRepointedToTheCanonicalId) {
  Desk a = make_desk("a");
  Desk b = make_desk("b");
  // Both desks register the same NIK offline, under different ids, with rows that reference them.
  write(*a.ui, "participant", "p-a", person("3204104506900001", "Siti Rahma"));
  write(*b.ui, "participant", "p-b", person("3204104506900001", "Siti Rahma"));
  write(*b.ui, "kk_history", "k-b", Fields{{"participant_id", "p-b"}, {"kk_number", "3204101201150003"}});
  write(*b.ui, "visit", "v-b", Fields{{"participant_id", "p-b"}, {"day", "2026-01-02"}, {"poli", "umum"}});
  auto ca = client_for(a);
  auto cb = client_for(b);
  ASSERT_TRUE(ca.sync_once().ok());
  // An edit of the alias that is still unconfirmed when the merge answer comes back.
  auto r = cb.push();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->merged, 1);
  EXPECT_EQ(count(*b.ui, "SELECT count(*) FROM participants WHERE id = 'p-b'"), 0) << "the alias row is gone";
  EXPECT_EQ(count(*b.ui, "SELECT count(*) FROM kk_history WHERE participant_id = 'p-a'"), 1);
  EXPECT_EQ(count(*b.ui, "SELECT count(*) FROM visits WHERE participant_id = 'p-a'"), 1);
  EXPECT_EQ(count(*b.ui, "SELECT count(*) FROM audit_log WHERE action = 'sync-alias' AND entity_id = 'p-b'"), 1);
  ASSERT_TRUE(cb.pull().ok());
  ASSERT_TRUE(ca.sync_once().ok());
  EXPECT_EQ(count(*b.ui, "SELECT count(*) FROM participants"), 1);
  EXPECT_EQ(count(*a.ui, "SELECT count(*) FROM participants"), 1);
  EXPECT_EQ(digest(*a.ui), server.digest());
  EXPECT_EQ(digest(*b.ui), server.digest());
}

TEST_F(SyncClientTest, PulledAliasRepointsLocalRowsAndUnconfirmedOps) {
  server.put("participant", "p-old", person("3204104506900001", "Siti"));
  server.put("participant", "p-new", person("3204104506900001", "Siti Rahma"));
  server.put("bill", "b-1", Fields{{"participant_id", "p-old"}, {"period", "2026-01"}, {"amount", 35000},
                                   {"status", "unpaid"}});
  Desk d = make_desk("a");
  auto c = client_for(d);
  ASSERT_TRUE(c.sync_once().ok());
  // A local KK entry for p-old, not pushed yet, when the server merges p-old into p-new.
  write(*d.ui, "kk_history", "k-1", Fields{{"participant_id", "p-old"}, {"kk_number", "3204101201150003"}});
  server.merge("participant", "p-old", "p-new");
  auto pulled = c.pull();
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_EQ(pulled->aliases, 1u);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants WHERE id = 'p-old'"), 0);
  EXPECT_EQ(text(*d.ui, "SELECT participant_id FROM bills WHERE id = 'b-1'"), "p-new");
  EXPECT_EQ(text(*d.ui, "SELECT participant_id FROM kk_history WHERE id = 'k-1'"), "p-new");
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM outbox WHERE entity = 'kk_history' AND state = 'pending' "
                         "AND json_extract(fields, '$.participant_id') = 'p-new'"), 1)
      << "the unconfirmed op now names the canonical id";
  ASSERT_TRUE(c.sync_once().ok());
  EXPECT_EQ(server.row("kk_history", "k-1")->value("participant_id", ""), "p-new");
  EXPECT_EQ(digest(*d.ui), server.digest());
}

TEST_F(SyncClientTest, ClientResetKeepsUnsyncedLocalChanges) {
  server.put("participant", "p-1", person("3204104506900001", "Siti"));
  server.put("participant", "p-2", person("3204104506900002", "Budi"));
  Desk d = make_desk("a");
  auto c = client_for(d);
  ASSERT_TRUE(c.sync_once().ok());
  ASSERT_EQ(count(*d.ui, "SELECT count(*) FROM participants"), 2);

  // Offline for a long time: a new registration, an edit, and a delete — none pushed yet.
  write(*d.ui, "participant", "p-local", person("3204104506900003", "Ani"));
  write(*d.ui, "participant", "p-1", Fields{{"phone", "+628123"}});
  erase(*d.ui, "participant", "p-2");
  // Meanwhile the server moved on beyond tombstone retention.
  server.put("participant", "p-1", Fields{{"street", "Jl. Baru"}});
  server.put("participant", "p-4", person("3204104506900004", "Dewi"));
  server.min_retained_tx = server.last_tx() + 1;
  const auto pending_before = count(*d.ui, "SELECT count(*) FROM outbox WHERE state = 'pending'");

  auto r = c.pull();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->reset);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM outbox WHERE state = 'pending'"), pending_before)
      << "the outbox survives a reset";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants WHERE id = 'p-local'"), 1) << "local registration lost";
  EXPECT_EQ(text(*d.ui, "SELECT phone FROM participants WHERE id = 'p-1'"), "+628123") << "local edit lost";
  EXPECT_EQ(text(*d.ui, "SELECT street FROM participants WHERE id = 'p-1'"), "Jl. Baru") << "server change missing";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants WHERE id = 'p-2'"), 0) << "local delete undone";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM participants WHERE id = 'p-4'"), 1);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM reset_keep"), 0);
  EXPECT_FALSE(load_sync_state(d.ui->db())->reset_pending);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM audit_log WHERE action = 'sync-reset'"), 1);

  // Then the local changes go up as usual and everyone agrees.
  server.min_retained_tx = 0;
  ASSERT_TRUE(c.sync_once().ok());
  EXPECT_EQ(server.row("participant", "p-1")->value("phone", ""), "+628123");
  EXPECT_TRUE(server.row("participant", "p-local").has_value());
  EXPECT_FALSE(server.row("participant", "p-2").has_value());
  EXPECT_EQ(digest(*d.ui), server.digest());
}

TEST_F(SyncClientTest, DigestRepairReplacesDifferingBucketsButKeepsUnconfirmedRows) {
  server.put("participant", "p-1", person("3204104506900001", "Siti"));
  server.put("participant", "p-2", person("3204104506900002", "Budi"));
  Desk d = make_desk("a");
  auto c = client_for(d);
  ASSERT_TRUE(c.sync_once().ok());
  ASSERT_EQ(digest(*d.ui), server.digest());

  // Divergence nobody logged: the server's copy changed, and a stray local row exists.
  server.corrupt("participant", "p-2", Fields{{"name", "Budi Santoso"}});
  ASSERT_TRUE(d.ui->db().exec("INSERT INTO bills(id, participant_id, period, amount, status) "
                              "VALUES ('b-stray', 'p-1', '2026-01', 1, 'unpaid')").ok());
  auto r = c.check_digest(/*repair=*/true);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->equal);
  EXPECT_TRUE(r->repaired);
  EXPECT_TRUE(r->equal_after);
  EXPECT_EQ(r->rows_removed, 1u);
  EXPECT_EQ(text(*d.ui, "SELECT name FROM participants WHERE id = 'p-2'"), "Budi Santoso");
  EXPECT_EQ(digest(*d.ui), server.digest());

  // A row with an unconfirmed local op is never removed by a repair.
  write(*d.ui, "bill", "b-mine", Fields{{"participant_id", "p-1"}, {"period", "2026-02"}, {"amount", 2},
                                        {"status", "unpaid"}});
  auto kept = c.check_digest(/*repair=*/true);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->rows_kept, 1u);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM bills WHERE id = 'b-mine'"), 1);
}

TEST_F(SyncClientTest, ClockOffsetAndPulledTimestampsMoveTheHlcForward) {
  server.skew_ms = 365LL * 24 * 3600 * 1000;  // this desk's clock is a year behind
  Desk d = make_desk("a");
  const HlcTimestamp future{clock.now_ms() + server.skew_ms + 5000, 3, "other-desk"};
  server.put("participant", "p-1", person("3204104506900001", "Siti"), future.encode());
  auto c = client_for(d);
  ASSERT_TRUE(c.sync_once().ok());
  EXPECT_NEAR(static_cast<double>(load_sync_state(d.ui->db())->clock_offset_ms), static_cast<double>(server.skew_ms),
              1000.0);
  EXPECT_GT(d.sync_replica().hlc().now(), future);
  EXPECT_EQ(load_sync_state(d.ui->db())->hlc_seen, future.encode());
  // A connection opened afterwards (the app restarting) never issues an older timestamp.
  auto reopened = storage::Replica::open(d.path, clock);
  ASSERT_TRUE(reopened.ok());
  EXPECT_GT((*reopened)->hlc().now(), future);
  // The push request carries the corrected client time.
  write(*d.ui, "participant", "p-2", person("3204104506900002", "Budi"));
  ASSERT_TRUE(c.push().ok());
  ASSERT_FALSE(server.pushes.empty());
  EXPECT_NEAR(static_cast<double>(server.pushes.back().client_time_ms),
              static_cast<double>(clock.now_ms() + server.skew_ms), 1000.0);
}

TEST_F(SyncClientTest, PushOfOpsAlreadyAppliedGetsDuplicatesAndConfirmsOnce) {
  Desk d = make_desk("a");
  write(*d.ui, "participant", "p-1", person("3204104506900001", "Siti"));
  write(*d.ui, "participant", "p-2", person("3204104506900002", "Budi"));
  // The server commits, the answer is lost.
  d.transport->add_fault(FakeTransport::Fault{FakeTransport::Fault::When::after, NetFailure::recv, "/v1/push"});
  auto c = client_for(d);
  auto lost = c.push();
  ASSERT_FALSE(lost.ok());
  EXPECT_TRUE(is_ambiguous(lost.error()));
  EXPECT_EQ(server.applied_ops(), 2);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM outbox WHERE state = 'sent'"), 2);
  auto again = c.push();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicate, 2);
  EXPECT_EQ(server.applied_ops(), 2) << "applied twice";
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM outbox"), 2);
  EXPECT_EQ(count(*d.ui, "SELECT count(*) FROM outbox WHERE state = 'confirmed' AND result = 'duplicate'"), 2);
}

TEST_F(SyncClientTest, PagesShrinkAfterATimeoutAndGrowBackAfterwards) {
  for (int i = 0; i < 40; ++i) server.put("facility", "F" + std::to_string(100 + i), Fields{{"type", "x"}, {"name", "F"}});
  Desk d = make_desk("a");
  ClientOptions options;
  options.pull_max_rows = 8;
  options.pull_max_bytes = 1u << 20;
  SyncClient c(d.sync_replica(), d.engine->transport(), options);
  d.transport->add_fault(
      FakeTransport::Fault{FakeTransport::Fault::When::before, NetFailure::timeout_after_send, "/v1/pull", 1});
  ASSERT_FALSE(c.pull().ok());
  EXPECT_EQ(c.page_bytes(), 512u << 10);
  server.pulls.clear();
  ASSERT_TRUE(c.pull().ok());
  ASSERT_GE(server.pulls.size(), 3u);
  EXPECT_EQ(server.pulls[0].max_rows, 4u) << "the page after the timeout is smaller";
  EXPECT_EQ(server.pulls[1].max_rows, 8u) << "and grows back once pages arrive";
  EXPECT_EQ(c.page_bytes(), 1u << 20);
  EXPECT_EQ(digest(*d.ui), server.digest());
}
