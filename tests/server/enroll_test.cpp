// Enrollment, authentication and protocol refusals over real HTTP.
#include "server_fixture.hpp"

namespace simpul::server::test {
namespace {

using ServerEnroll = ServerFixture;

sync::EnrollRequest request(const std::string& facility, const std::string& code) {
  return sync::EnrollRequest{facility, code, "install-x", "desk-1"};
}

TEST_F(ServerEnroll, GoodCodeEnrollsOnceAndIsRefusedWhenReused) {
  auto code = service->create_enroll_code(kF1);
  ASSERT_TRUE(code.ok());
  auto first = post("/v1/enroll", sync::encode(request(kF1, *code)), nullptr);
  ASSERT_EQ(first.status, 200) << first.body;
  auto resp = sync::decode<sync::EnrollResponse>(first.body);
  ASSERT_TRUE(resp.ok());
  EXPECT_FALSE(resp->device_id.empty());
  EXPECT_EQ(resp->token.size(), 64u);
  EXPECT_EQ(resp->facility_name, "Puskesmas Satu");
  EXPECT_EQ(resp->server_time_ms, clock.now_ms());

  auto other = post("/v1/enroll", sync::encode(sync::EnrollRequest{kF1, *code, "install-y", "desk-2"}), nullptr);
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.json().value("error", ""), "enroll_code_used");

  // Only a hash of the token is stored.
  auto devices = service->devices();
  ASSERT_TRUE(devices.ok());
  ASSERT_EQ(devices->size(), 1u);
  EXPECT_NE((*devices)[0].token_hash, resp->token);
  EXPECT_EQ((*devices)[0].token_hash, sha256_hex(resp->token));
}

// On a bad link the server may commit an enrollment whose answer never arrives. The same installation asking
// again soon gets the same device with a fresh token; once the device has used its token, or later, or from
// another installation, the code is spent.
TEST_F(ServerEnroll, ALostEnrollmentAnswerCanBeAskedForAgainByTheSameInstallation) {
  auto code = service->create_enroll_code(kF1);
  ASSERT_TRUE(code.ok());
  auto lost = sync::decode<sync::EnrollResponse>(post("/v1/enroll", sync::encode(request(kF1, *code)), nullptr).body);
  ASSERT_TRUE(lost.ok());
  clock.advance_ms(60'000);
  auto retry = post("/v1/enroll", sync::encode(request(kF1, *code)), nullptr);
  ASSERT_EQ(retry.status, 200) << retry.body;
  auto resp = sync::decode<sync::EnrollResponse>(retry.body);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->device_id, lost->device_id) << "one device, not two";
  EXPECT_NE(resp->token, lost->token);
  auto devices = service->devices();
  ASSERT_TRUE(devices.ok());
  ASSERT_EQ(devices->size(), 1u);
  EXPECT_EQ((*devices)[0].token_hash, sha256_hex(resp->token)) << "the lost token no longer works";

  // The device syncs with its token: from now on the code is spent, even for the same installation.
  Device device;
  device.id = resp->device_id;
  device.token = resp->token;
  device.facility = kF1;
  device.install = "install-x";
  EXPECT_FALSE(pull_all(device).empty());
  auto after_use = post("/v1/enroll", sync::encode(request(kF1, *code)), nullptr);
  EXPECT_EQ(after_use.status, 403);
  EXPECT_EQ(after_use.json().value("error", ""), "enroll_code_used");

  auto late_code = service->create_enroll_code(kF1);
  ASSERT_TRUE(late_code.ok());
  ASSERT_EQ(post("/v1/enroll", sync::encode(request(kF1, *late_code)), nullptr).status, 200);
  clock.advance_ms(16 * 60'000);
  EXPECT_EQ(post("/v1/enroll", sync::encode(request(kF1, *late_code)), nullptr).status, 403) << "too late to ask again";
}

TEST_F(ServerEnroll, CodeForAnotherFacilityOrUnknownIsRefused) {
  auto code = service->create_enroll_code(kF1);
  ASSERT_TRUE(code.ok());
  auto wrong = post("/v1/enroll", sync::encode(request(kF2, *code)), nullptr);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.json().value("error", ""), "enroll_code_invalid");
  auto unknown = post("/v1/enroll", sync::encode(request(kF1, "AAAAA-BBBBB")), nullptr);
  EXPECT_EQ(unknown.status, 403);
  // The refused attempt did not use up the code.
  auto good = post("/v1/enroll", sync::encode(request(kF1, *code)), nullptr);
  EXPECT_EQ(good.status, 200);
}

TEST_F(ServerEnroll, CodeExpiresAfter24Hours) {
  auto code = service->create_enroll_code(kF1);
  ASSERT_TRUE(code.ok());
  clock.advance_ms(25 * 3600 * 1000LL);
  auto late = post("/v1/enroll", sync::encode(request(kF1, *code)), nullptr);
  EXPECT_EQ(late.status, 403);
  EXPECT_EQ(late.json().value("error", ""), "enroll_code_expired");
}

TEST_F(ServerEnroll, CodeIsAcceptedInLowerCaseWithoutDash) {
  auto code = service->create_enroll_code(kF1);
  ASSERT_TRUE(code.ok());
  std::string typed;
  for (char c : *code) {
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(post("/v1/enroll", sync::encode(request(kF1, typed)), nullptr).status, 200);
}

TEST_F(ServerEnroll, RevokedDeviceAndWrongTokenAreRefused) {
  Device d = enroll(kF1);
  EXPECT_EQ(push_raw(d, {}).status, 200);

  Device forged = enroll(kF1);
  forged.token = std::string(64, 'a');
  auto bad = push_raw(forged, {});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.json().value("error", ""), "unauthorized");
  EXPECT_EQ(post("/v1/pull", sync::encode(sync::PullRequest{}), nullptr).status, 401);

  ASSERT_TRUE(service->revoke_device(d.id).ok());
  auto revoked = push_raw(d, {});
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(revoked.json().value("error", ""), "device_revoked");
  auto pull_revoked = post("/v1/pull", sync::encode(sync::PullRequest{}), &d);
  EXPECT_EQ(pull_revoked.status, 401);
}

TEST_F(ServerEnroll, ProtocolOrSchemaMismatchIs426WithJson) {
  Device d = enroll(kF1);
  auto old_protocol = post("/v1/push", sync::encode(sync::PushRequest{}), &d, "0");
  EXPECT_EQ(old_protocol.status, 426);
  auto j = old_protocol.json();
  EXPECT_EQ(j.value("error", ""), "protocol_mismatch");
  EXPECT_EQ(j.value("server_protocol", 0), sync::kProtocolVersion);
  EXPECT_NE(j.value("message", "").find("update Simpul"), std::string::npos);

  EXPECT_EQ(post("/v1/pull", sync::encode(sync::PullRequest{}), &d, "1", "999").status, 426);
  EXPECT_EQ(post("/v1/enroll", sync::encode(request(kF1, "X")), nullptr, "2").status, 426);
  // Missing headers are a mismatch too (a client too old to send them).
  auto r = client->Post("/v1/pull", sync::encode(sync::PullRequest{}), sync::kContentType);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 426);
}

TEST_F(ServerEnroll, MalformedBodyIs400AndUnknownRouteIs404) {
  Device d = enroll(kF1);
  // A plausible size prefix, then garbage.
  auto junk = post("/v1/push", std::string("\x10\0\0\0\0\0\0\0", 8) + "definitely not a message", &d);
  EXPECT_EQ(junk.status, 400);
  EXPECT_EQ(junk.json().value("error", ""), "bad_request");
  auto missing = get("/v1/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json().value("error", ""), "not_found");
  // A declared size beyond the limit is refused before anything is allocated.
  auto huge = post("/v1/push", std::string(8, '\x7f') + "x", &d);
  EXPECT_EQ(huge.status, 413);
}

}  // namespace
}  // namespace simpul::server::test
