#pragma once
// Helpers for the care tests: running simpulctl / simpul-server as a script would, a replica with a
// participant, and v1 screening answers.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "simpul/storage/replica.hpp"
#include "support/process.hpp"

namespace simpul::care_test {

using nlohmann::json;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
  json parsed() const {
    json j = json::parse(out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "stdout is not JSON:\n" << out << "\nstderr:\n" << err;
    return j;
  }
};

inline Outcome run_tool(const std::string& binary, const std::vector<std::string>& args) {
  test::ProcessOptions options;
  options.argv = {binary};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.env = {{"SIMPUL_ASSETS", SIMPUL_ASSET_DIR}, {"SIMPUL_PASSWORD", ""}, {"SIMPUL_NEW_PASSWORD", ""}};
  options.out = test::Output::capture();
  options.err = test::Output::capture();
  test::Process p(std::move(options));
  const auto status = p.wait_for(std::chrono::seconds(120));
  Outcome r;
  r.out = p.captured_stdout();
  r.err = p.captured_stderr();
  EXPECT_TRUE(status.has_value()) << binary << " did not finish";
  if (status) r.code = status->exited() ? status->code : 128 + status->signal;
  return r;
}

inline Outcome simpulctl(const std::vector<std::string>& args) { return run_tool(SIMPULCTL_PATH, args); }
inline Outcome server_cli(const std::vector<std::string>& args) { return run_tool(SIMPUL_SERVER_BIN, args); }

inline std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// Every self question of questionnaire v1 answered "no" (or the lowest option).
inline json self_answers_v1() {
  json a = json::object();
  for (const char* q : {"physical_activity", "vegetables_fruit"}) a[q] = "yes";
  for (const char* q : {"high_glucose_history", "bp_medicine", "diagnosed_diabetes", "diagnosed_hypertension",
                        "diagnosed_kidney", "diagnosed_heart", "painkillers_long_term", "herbal_long_term",
                        "family_hypertension", "family_kidney", "family_premature_heart", "swelling", "foamy_urine",
                        "chest_pain_exertion"}) {
    a[q] = "no";
  }
  a["smoking"] = "never";
  a["family_diabetes"] = "none";
  return a;
}

// Self answers plus the poli's measurements.
inline json poli_answers_v1(double waist_cm = 78, int systolic = 118, int diastolic = 76) {
  json a = self_answers_v1();
  a["height_cm"] = 158;
  a["weight_kg"] = 55;
  a["waist_cm"] = waist_cm;
  a["systolic_mmhg"] = systolic;
  a["diastolic_mmhg"] = diastolic;
  return a;
}

// A participant row written straight into a replica (with change capture), for storage-level tests.
inline std::string add_participant(storage::Replica& r, const std::string& id, const std::string& birth_date,
                                   const std::string& sex, const std::string& fktp = "1004P001") {
  auto tx = storage::Transaction::begin(r.db());
  EXPECT_TRUE(tx.ok());
  const std::string nik = "3204100101" + id.substr(id.size() - 6);
  auto w = r.upsert(storage::Actor{"", "test"}, "participant", id,
                    storage::Fields{{"nik", nik}, {"name", "Peserta " + id}, {"birth_date", birth_date}, {"sex", sex},
                                    {"segment", "PBPU"}, {"class", 3}, {"fktp", fktp}, {"status", "active"},
                                    {"verification", "verified"}});
  EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
  EXPECT_TRUE(tx->commit().ok());
  return id;
}

}  // namespace simpul::care_test
