// The Mobile JKN "WS Antrean FKTP" contract, over real HTTP on 127.0.0.1 with JSON: every endpoint,
// the envelope and its codes, the refusals with their Indonesian messages, bookings reaching the
// devices and the desk's offline work reaching the answers, and honesty about stale data.
#include <regex>

#include "queue_fixture.hpp"

namespace simpul::queue_test {
namespace {

using queue::QueueEventKind;
using storage::Actor;

class WsAntrean : public QueueServerFixture {
 protected:
  // A ticket from the desk for today (poli umum), a minute after whatever happened before.
  std::string desk_ticket(Desk& d, const std::string& c = "") {
    clock.advance_ms(kMinuteMs);
    storage::NewQueueEntry e{"001", kMonday, c, "", queue::Priority::regular, queue::Source::desk, ""};
    auto out = d.queue().add(Actor::system(), e);
    EXPECT_TRUE(out.ok() && out->accepted());
    return out.ok() ? out->ticket.entry.id : std::string();
  }
  void record(Desk& d, const std::string& id, QueueEventKind kind) {
    clock.advance_ms(kMinuteMs);
    auto out = d.queue().record(Actor::system(), id, kind);
    ASSERT_TRUE(out.ok() && out->accepted());
  }
  std::string log_text() {
    std::lock_guard lock(log_mu);
    std::string all;
    for (const auto& l : log_lines) all += l + "\n";
    return all;
  }
};

TEST_F(WsAntrean, AuthGivesATokenOnlyForTheRightUsernameAndPassword) {
  const std::string path = std::string("/jkn/") + kFacility + "/auth";
  auto before = ws("GET", path, {{"x-username", "mobilejkn"}, {"x-password", "rahasia-123"}});
  EXPECT_EQ(before.status, 200);
  EXPECT_EQ(before.code(), 201) << "no credentials set yet";
  EXPECT_EQ(before.message(), "Username atau password tidak sesuai");

  set_credentials();
  auto wrong = ws("GET", path, {{"x-username", "mobilejkn"}, {"x-password", "salah-sekali"}});
  EXPECT_EQ(wrong.status, 200);
  EXPECT_EQ(wrong.code(), 201);
  EXPECT_EQ(wrong.message(), "Username atau password tidak sesuai");
  EXPECT_FALSE(wrong.body.contains("response"));
  auto other_user = ws("GET", path, {{"x-username", "orang-lain"}, {"x-password", "rahasia-123"}});
  EXPECT_EQ(other_user.message(), "Username atau password tidak sesuai");
  auto missing = ws("GET", path, {{"x-username", "mobilejkn"}});
  EXPECT_EQ(missing.code(), 201);
  EXPECT_EQ(missing.message(), "Header x-username dan x-password wajib diisi");
  auto unknown = ws("GET", "/jkn/9999X999/auth", {{"x-username", "mobilejkn"}, {"x-password", "rahasia-123"}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.code(), 201);
  EXPECT_EQ(unknown.message(), "Kode faskes tidak dikenal");

  auto good = ws("GET", path, {{"x-username", "mobilejkn"}, {"x-password", "rahasia-123"}});
  EXPECT_EQ(good.status, 200);
  EXPECT_EQ(good.code(), 200);
  EXPECT_EQ(good.message(), "Ok");
  const std::string tok = good.response().value("token", "");
  EXPECT_TRUE(std::regex_match(tok, std::regex("[0-9a-f]{64}"))) << tok;
  EXPECT_NE(tok, token()) << "each /auth gives a new token";
  // Secrets never reach the log.
  const std::string logged = log_text();
  EXPECT_EQ(logged.find(tok), std::string::npos);
  EXPECT_EQ(logged.find("rahasia-123"), std::string::npos);
  EXPECT_NE(logged.find("\"route\":\"/jkn/{facility}/auth\""), std::string::npos);
  EXPECT_NE(logged.find("\"error\":\"jkn.bad_password\""), std::string::npos);
  // The short password rule.
  EXPECT_FALSE(http->jkn().set_credentials(kFacility, "mobilejkn", "pendek").ok());
}

TEST_F(WsAntrean, BadExpiredAndRevokedTokensAreRefusedInTheEnvelope) {
  set_credentials();
  const std::string tok = token();
  auto bogus = status("0123456789abcdef", "001", kMonday);
  EXPECT_EQ(bogus.status, 200);
  EXPECT_EQ(bogus.code(), 201);
  EXPECT_EQ(bogus.message(), "Token tidak valid");
  auto no_token = ws("GET", std::string("/jkn/") + kFacility + "/antrean/status/001/2026-01-05", {});
  EXPECT_EQ(no_token.message(), "Header x-token dan x-username wajib diisi");
  auto wrong_user = ws("GET", std::string("/jkn/") + kFacility + "/antrean/status/001/2026-01-05",
                       session(tok, "orang-lain"));
  EXPECT_EQ(wrong_user.message(), "Token tidak valid");
  // A token of one facility opens nothing at another.
  auto elsewhere = ws("GET", std::string("/jkn/") + kOtherFacility + "/antrean/status/001/2026-01-05", session(tok));
  EXPECT_EQ(elsewhere.message(), "Token tidak valid");
  EXPECT_EQ(status(tok, "001", kMonday).code(), 200);

  clock.advance_ms(61 * kMinuteMs);
  auto expired = status(tok, "001", kMonday);
  EXPECT_EQ(expired.code(), 201);
  EXPECT_EQ(expired.message(), "Token sudah kedaluwarsa, silakan minta token baru");
  // New credentials end the old sessions.
  const std::string fresh = token();
  EXPECT_EQ(status(fresh, "001", kMonday).code(), 200);
  set_credentials("mobilejkn", "kata-sandi-baru");
  EXPECT_EQ(status(fresh, "001", kMonday).message(), "Token tidak valid");
}

TEST_F(WsAntrean, StatusCountsThePolisDayAsTheDevicesLastSyncedIt) {
  set_credentials();
  auto desk = enroll_desk("desk");
  const std::string tok = token();
  auto empty = status(tok, "001", kMonday);
  ASSERT_EQ(empty.code(), 200) << empty.body.dump();
  EXPECT_EQ(empty.response()["namapoli"], "Umum");
  EXPECT_EQ(empty.response()["totalantrean"], 0);
  EXPECT_EQ(empty.response()["sisaantrean"], 0);
  EXPECT_EQ(empty.response()["antreanpanggil"], "-");
  EXPECT_EQ(empty.response()["keterangan"], "");

  const std::string first = desk_ticket(*desk);
  desk_ticket(*desk);
  desk_ticket(*desk);
  record(*desk, first, QueueEventKind::call);
  desk->sync();
  auto s = status(tok, "001", kMonday);
  ASSERT_EQ(s.code(), 200);
  EXPECT_EQ(s.response()["totalantrean"], 3);
  EXPECT_EQ(s.response()["sisaantrean"], 3);
  EXPECT_EQ(s.response()["antreanpanggil"], "A-101");
  record(*desk, first, QueueEventKind::serve);
  record(*desk, first, QueueEventKind::done);
  desk->sync();
  s = status(tok, "001", kMonday);
  EXPECT_EQ(s.response()["sisaantrean"], 2);
  EXPECT_EQ(s.response()["antreanpanggil"], "A-101");

  EXPECT_EQ(status(tok, "099", kMonday).message(), "Poli tidak ditemukan");
  auto bad_date = ws("GET", std::string("/jkn/") + kFacility + "/antrean/status/001/05-01-2026", session(tok));
  EXPECT_EQ(bad_date.code(), 201);
  EXPECT_EQ(bad_date.message(), "Tanggal periksa tidak berlaku");
  auto unknown = ws("GET", std::string("/jkn/") + kFacility + "/antrean/nonsense", session(tok));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.code(), 201);
}

TEST_F(WsAntrean, ABookingIsNumberedFromTheServersSlotAndReachesTheDevices) {
  set_credentials();
  auto desk = enroll_desk("desk");
  const std::string tok = token();
  desk_ticket(*desk);
  desk->sync();
  clock.advance_ms(kMinuteMs);
  auto r = take(tok, card(1), "001", kMonday, nik(1));
  ASSERT_EQ(r.code(), 200) << r.body.dump();
  EXPECT_EQ(r.message(), "Ok");
  EXPECT_EQ(r.response()["nomorantrean"], "A-901");
  EXPECT_EQ(r.response()["angkaantrean"], 901);
  EXPECT_EQ(r.response()["namapoli"], "Umum");
  EXPECT_EQ(r.response()["sisaantrean"], 1) << "the desk's ticket came first";
  EXPECT_EQ(r.response()["antreanpanggil"], "-");
  const std::string note = r.response()["keterangan"];
  EXPECT_NE(note.find("30 menit lebih awal"), std::string::npos) << note;
  // Tomorrow, for an elderly patient: a priority booking.
  auto elderly = take(tok, card(7), "001", kMonday.add_days(1));
  ASSERT_EQ(elderly.code(), 200) << elderly.body.dump();
  EXPECT_EQ(elderly.response()["nomorantrean"], "A-901") << "numbers count per day";
  EXPECT_EQ(take(tok, card(2), "001", kMonday).response()["nomorantrean"], "A-902");

  desk->sync();
  auto list = desk->queue().list(kMonday, "001");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  const auto& booked = (*list)[1].entry;
  EXPECT_EQ(booked.number, "A-901");
  EXPECT_EQ(booked.source, queue::Source::mobile_jkn);
  EXPECT_EQ(booked.card_number, card(1));
  EXPECT_EQ(booked.participant_id, "p-0001");
  EXPECT_EQ(booked.complaint, "demam");
  EXPECT_EQ((*list)[1].people_ahead, 1);
  auto tomorrow = desk->queue().list(kMonday.add_days(1), "001");
  ASSERT_EQ(tomorrow->size(), 1u);
  EXPECT_EQ((*tomorrow)[0].entry.priority, queue::Priority::priority);
  // The device can call the booked patient; the server hears of it.
  record(*desk, booked.id, QueueEventKind::call);
  desk->sync();
  EXPECT_EQ(status(tok, "001", kMonday).response()["antreanpanggil"], "A-901");
}

TEST_F(WsAntrean, DuplicateBackDatedClosedFullAndMalformedBookingsAreRefusedWithTheirMessages) {
  set_credentials();
  const std::string tok = token();
  ASSERT_EQ(take(tok, card(1), "001", kMonday).code(), 200);
  auto dup = take(tok, card(1), "001", kMonday);
  EXPECT_EQ(dup.status, 200);
  EXPECT_EQ(dup.code(), 201);
  EXPECT_EQ(dup.message(), "Nomor antrean hanya dapat diambil 1 kali pada tanggal yang sama");
  EXPECT_FALSE(dup.body.contains("response"));
  EXPECT_EQ(take(tok, card(1), "003", kMonday).code(), 200) << "another poli";
  EXPECT_EQ(take(tok, card(2), "001", kMonday.add_days(-1)).message(), "Tanggal periksa tidak berlaku");
  EXPECT_EQ(take(tok, card(2), "001", kSunday).message(), "Poli tutup");
  // Poli gigi takes two a day.
  EXPECT_EQ(take(tok, card(2), "002", kMonday.add_days(2)).code(), 200);
  EXPECT_EQ(take(tok, card(3), "002", kMonday.add_days(2)).code(), 200);
  EXPECT_EQ(take(tok, card(4), "002", kMonday.add_days(2)).message(), "Kuota penuh");
  EXPECT_EQ(take(tok, card(2), "099", kMonday).message(), "Poli tidak ditemukan");
  EXPECT_EQ(take(tok, "12345", "001", kMonday).message(), "Nomor kartu tidak valid (13 digit)");
  EXPECT_EQ(take(tok, card(2), "001", kMonday, nik(3)).message(), "NIK tidak sesuai dengan nomor kartu");
  auto garbage = ws("POST", std::string("/jkn/") + kFacility + "/antrean", session(tok), "not json");
  EXPECT_EQ(garbage.code(), 201);
  // Same-day bookings close with the poli (the server's clock decides): 14:05 WIB.
  clock.set_ms(kMonday0700 + 7 * kHourMs + 5 * kMinuteMs);
  const std::string later = token();
  EXPECT_EQ(take(later, card(5), "001", kMonday).message(), "Poli sudah tutup");
  EXPECT_EQ(take(later, card(5), "001", kMonday.add_days(1)).code(), 200);
  // Refused bookings left nothing behind.
  EXPECT_EQ(server_entries(kMonday).size(), 2u);
}

TEST_F(WsAntrean, RemainingFollowsWhatTheOfflineDeskDidOnceItSyncs) {
  set_credentials();
  auto desk = enroll_desk("desk");
  const std::string tok = token();
  const std::string a = desk_ticket(*desk);
  const std::string b = desk_ticket(*desk);
  desk->sync();
  clock.advance_ms(kMinuteMs);
  ASSERT_EQ(take(tok, card(3), "001", kMonday).code(), 200);
  auto r = remaining(tok, card(3), "001", kMonday);
  ASSERT_EQ(r.code(), 200) << r.body.dump();
  EXPECT_EQ(r.response()["nomorantrean"], "A-901");
  EXPECT_EQ(r.response()["namapoli"], "Umum");
  EXPECT_EQ(r.response()["sisaantrean"], 2);
  EXPECT_EQ(r.response()["antreanpanggil"], "-");
  EXPECT_EQ(r.response()["keterangan"], "Perkiraan waktu tunggu 20 menit.");

  // The desk goes on offline: A-101 called and served, A-102 called.
  record(*desk, a, QueueEventKind::call);
  record(*desk, a, QueueEventKind::serve);
  record(*desk, b, QueueEventKind::call);
  EXPECT_EQ(remaining(tok, card(3), "001", kMonday).response()["sisaantrean"], 2) << "the server does not know yet";
  desk->sync();
  r = remaining(tok, card(3), "001", kMonday);
  EXPECT_EQ(r.response()["sisaantrean"], 1) << "A-102 is at the door";
  EXPECT_EQ(r.response()["antreanpanggil"], "A-102");

  auto none = remaining(tok, card(4), "001", kMonday);
  EXPECT_EQ(none.code(), 201);
  EXPECT_EQ(none.message(), "Antrean tidak ditemukan");
}

TEST_F(WsAntrean, CancelWorksUntilTheDeskHasServedThePatient) {
  set_credentials();
  auto desk = enroll_desk("desk");
  const std::string tok = token();
  ASSERT_EQ(take(tok, card(1), "001", kMonday).code(), 200);
  ASSERT_EQ(take(tok, card(2), "001", kMonday).code(), 200);
  auto ok = cancel(tok, card(1), "001", kMonday);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.code(), 200);
  EXPECT_EQ(ok.message(), "Ok");
  EXPECT_EQ(status(tok, "001", kMonday).response()["totalantrean"], 1);
  EXPECT_EQ(cancel(tok, card(1), "001", kMonday).message(), "Antrean tidak ditemukan");
  EXPECT_EQ(cancel(tok, card(3), "001", kMonday).message(), "Antrean tidak ditemukan");

  // The desk receives both: one cancelled, one waiting. It serves the second offline.
  desk->sync();
  auto list = desk->queue().list(kMonday, "001");
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].entry.card_number, card(2));
  EXPECT_EQ((*list)[1].entry.state, queue::QueueState::cancelled);
  const std::string id = (*list)[0].entry.id;
  record(*desk, id, QueueEventKind::call);
  record(*desk, id, QueueEventKind::serve);
  desk->sync();
  auto late = cancel(tok, card(2), "001", kMonday);
  EXPECT_EQ(late.code(), 201);
  EXPECT_EQ(late.message(), "Antrean tidak dapat dibatalkan karena sudah dilayani");
  // The patient can book again once the cancelled booking is gone: a new number, never the old one.
  auto again = take(tok, card(1), "001", kMonday);
  ASSERT_EQ(again.code(), 200);
  EXPECT_EQ(again.response()["nomorantrean"], "A-903");
}

TEST_F(WsAntrean, ANewPatientGets202ThenRegistersWithPesertaAndBooks) {
  set_credentials();
  auto desk = enroll_desk("desk");
  const std::string tok = token();
  // p-0009's FKTP is another puskesmas: not a patient here yet.
  auto first = take(tok, card(9), "001", kMonday, nik(9));
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.code(), 202);
  EXPECT_NE(first.message().find("POST /peserta"), std::string::npos) << first.message();
  const nlohmann::json patient = {{"nomorkartu", card(9)},   {"nik", nik(9)},           {"nomorkk", "3204101201150019"},
                                  {"nama", "Pasien 9"},     {"jeniskelamin", "L"},      {"tanggallahir", "1980-06-05"},
                                  {"alamat", "Jl. Melati 3"}, {"kodeprop", "32"},       {"namaprop", "Jawa Barat"},
                                  {"kodedati2", "3204"},    {"namadati2", "Bandung"},   {"kodekec", "320410"},
                                  {"namakec", "Cicalengka"}, {"kodekel", "3204102001"}, {"namakel", "Desa"},
                                  {"rw", "005"},            {"rt", "002"}};
  const std::string peserta = std::string("/jkn/") + kFacility + "/peserta";
  auto reg = ws("POST", peserta, session(tok), patient);
  ASSERT_EQ(reg.code(), 200) << reg.body.dump();
  EXPECT_EQ(reg.response()["norm"], "M000001");
  EXPECT_EQ(ws("POST", peserta, session(tok), patient).response()["norm"], "M000001") << "asked again: same number";
  auto booked = take(tok, card(9), "001", kMonday, nik(9));
  ASSERT_EQ(booked.code(), 200) << booked.body.dump();
  EXPECT_EQ(booked.response()["nomorantrean"], "A-901");
  // The desk now sees the participant and the booking.
  desk->sync();
  EXPECT_TRUE(desk->replica->load("participant", "p-0009")->has_value());
  EXPECT_EQ(desk->queue().list(kMonday, "001")->at(0).entry.participant_id, "p-0009");

  // A card the server has never heard of (a member from elsewhere).
  const std::string stranger = "0002000000042";
  EXPECT_EQ(take(tok, stranger, "001", kMonday).code(), 202);
  auto other = patient;
  other["nomorkartu"] = stranger;
  other["nik"] = "3204100506800042";
  auto reg2 = ws("POST", peserta, session(tok), other);
  EXPECT_EQ(reg2.response()["norm"], "M000002");
  EXPECT_EQ(take(tok, stranger, "001", kMonday).response()["nomorantrean"], "A-902");

  // Refusals.
  auto bad = patient;
  bad["jeniskelamin"] = "X";
  EXPECT_EQ(ws("POST", peserta, session(tok), bad).message(), "Jenis kelamin harus L atau P");
  bad = patient;
  bad["nomorkartu"] = card(8);  // p-0008's card with p-0009's NIK
  EXPECT_EQ(ws("POST", peserta, session(tok), bad).message(), "NIK tidak sesuai dengan nomor kartu");
  bad = patient;
  bad.erase("nama");
  EXPECT_EQ(ws("POST", peserta, session(tok), bad).message(), "Nama wajib diisi");
  EXPECT_EQ(ws("POST", peserta, session("nope"), patient).message(), "Token tidak valid");
}

TEST_F(WsAntrean, KeteranganSaysHonestlyWhenTheFacilityHasNotSyncedForAWhile) {
  set_credentials();
  const std::string tok = token();
  EXPECT_EQ(status(tok, "001", kMonday).response()["keterangan"],
            "Data antrean dari faskes belum pernah diterima; status dapat berubah.");
  auto desk = enroll_desk("desk");  // syncs at 07:01 WIB
  EXPECT_EQ(status(tok, "001", kMonday).response()["keterangan"], "");
  clock.advance_ms(14 * kMinuteMs);
  EXPECT_EQ(status(tok, "001", kMonday).response()["keterangan"], "") << "within 15 minutes";
  clock.advance_ms(2 * kMinuteMs);
  const std::string stale = "Data antrean terakhir diperbarui pukul 07:01 WIB; status dapat berubah.";
  EXPECT_EQ(status(tok, "001", kMonday).response()["keterangan"], stale);
  EXPECT_EQ(remaining(tok, card(1), "001", kMonday).code(), 201);
  auto booked = take(tok, card(1), "001", kMonday);
  ASSERT_EQ(booked.code(), 200);
  const std::string note = booked.response()["keterangan"];
  EXPECT_NE(note.find(stale), std::string::npos) << note;
  EXPECT_NE(remaining(tok, card(1), "001", kMonday).response()["keterangan"].get<std::string>().find(stale),
            std::string::npos);
  // The desk comes back: the answers are current again.
  desk->sync();
  EXPECT_EQ(status(tok, "001", kMonday).response()["keterangan"], "");
  // A whole day without contact names the date too.
  clock.advance_ms(kDayMs);
  const std::string next = token();
  EXPECT_EQ(status(next, "001", kMonday.add_days(1)).response()["keterangan"],
            "Data antrean terakhir diperbarui tanggal 05-01-2026 pukul 07:17 WIB; status dapat berubah.");
}

}  // namespace
}  // namespace simpul::queue_test
