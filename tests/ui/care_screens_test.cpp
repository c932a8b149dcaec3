// The poli's care screens and the kiosk's self-screening against a real replica: the kiosk person answers the
// self questions and gets a result stored with mode kiosk (never a measurement; once per 12 months); the
// clinician screens with measurements (bad values said in words, the stored FINDRISC score is core's); the
// poli's "serve" opens the visit record, whose diagnoses come from the ICD-10 search and which then shows in
// the participant's service history.
#include <algorithm>

#include "context/screening_words.hpp"
#include "kiosk/public_shell.hpp"
#include "queue_fixture.hpp"
#include "screens/kiosk/controller.hpp"
#include "screens/kiosk_screening/controller.hpp"
#include "screens/participant/controller.hpp"
#include "screens/poli/controller.hpp"
#include "screens/screening/controller.hpp"
#include "screens/screening/presenter.hpp"
#include "screens/visit/controller.hpp"
#include "screens/visit/presenter.hpp"
#include "simpul/core/screening/findrisc.hpp"
#include "simpul/storage/screenings.hpp"
#include "simpul/storage/visits.hpp"
#include "widgets/number_text.hpp"

namespace simpul::queue_test {
namespace {

namespace sc = simpul::screening;
using screens::kiosk::KioskScreen;
using screens::kiosk::Step;

// The self answers of a healthy person: "no" to every yes/no, never smoked, no diabetes in the family.
sc::Answers calm_answers() {
  sc::Answers a;
  for (const sc::QuestionSpec& q : *sc::questions(sc::kCurrentVersion)) {
    if (q.mode != sc::QuestionMode::self) continue;
    a.emplace(std::string(q.id), std::string(q.type == sc::QuestionType::yes_no ? "no" : q.options.front()));
  }
  return a;
}

std::size_t self_question_count() {
  std::size_t n = 0;
  for (const sc::QuestionSpec& q : *sc::questions(sc::kCurrentVersion)) n += q.mode == sc::QuestionMode::self;
  return n;
}

class KioskScreeningTest : public QueueTest {
 protected:
  void start_kiosk() {
    kiosk::PublicShellOptions o;
    o.make_root = [this] { return screens::kiosk::make_kiosk_screen(*app_, screens::kiosk::KioskOptions{}); };
    o.may_open = {screens::kiosk::kScreeningScreen};
    o.idle_reset_ms = kiosk::idle_reset_ms(*app_);
    o.on_reset = [] { i18n::set_language("id"); };  // as kiosk/public_mode.cpp does
    shell_ = std::make_unique<kiosk::PublicShell>(*app_, options_, std::move(o));
    ui_.set_frame([this] { shell_->frame(); });
    ui_.frame();
  }
  KioskScreen& kiosk() { return screen_as<KioskScreen>(shell_->root()); }

  void ticket_for_siti() {
    type_keys(kSitiCard);
    enter();
    type_keys("05061990");
    tap("kiosk.birth.confirm");
    ASSERT_EQ(kiosk().step(), Step::poli) << ui_.describe();
    tap("kiosk.poli.001");
    tap("kiosk.priority.a");
    tap("kiosk.poli.take");
    settle();
    ASSERT_EQ(kiosk().step(), Step::ticket) << ui_.describe();
  }

  std::vector<storage::StoredScreening> screenings_of(const std::string& id) {
    auto list = storage::Screenings(app_->replica()).for_participant(id);
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<storage::StoredScreening>{};
  }

  void screened_before(const std::string& id, Date day, storage::ScreeningMode mode = storage::ScreeningMode::poli) {
    storage::NewScreening s;
    s.participant_id = id;
    s.day = day;
    s.answers = calm_answers();
    s.mode = mode;
    auto outcome = storage::Screenings(app_->replica()).record(storage::Actor::system(), s);
    ASSERT_TRUE(outcome.ok() && outcome->accepted());
  }

  shell::Options options_;
  std::unique_ptr<kiosk::PublicShell> shell_;
};

TEST_F(KioskScreeningTest, IdentifiedPersonAnswersOneQuestionAStepAndTheResultIsStoredAsKiosk) {
  start_kiosk();
  ticket_for_siti();
  ASSERT_NE(ui_.try_find("kiosk.screening.start"), nullptr) << "never screened: the ticket offers it";
  tap("kiosk.screening.start");
  ui_.frame();
  ASSERT_EQ(shell_->current_screen(), "kiosk_screening");
  EXPECT_TRUE(ui_.has_text("Halo, Siti R.")) << ui_.describe();
  tap("kiosk_screening.start");

  const std::size_t count = self_question_count();
  for (std::size_t i = 0; i < count; ++i) {
    const std::string progress = i <= 3 ? "Pertanyaan " + std::to_string(i + 1) + " dari "
                                        : "Question " + std::to_string(i + 1) + " of ";
    EXPECT_TRUE(ui_.has_text(progress + std::to_string(count))) << ui_.describe();
    // Big buttons only: no text field, so no way to type a measurement.
    for (const auto& item : ui_.items()) EXPECT_NE(item.kind, ui::probe::Kind::input) << item.id;
    const char* pick = ui_.try_find("kiosk_screening.option.no")       ? "kiosk_screening.option.no"
                       : ui_.try_find("kiosk_screening.option.never")  ? "kiosk_screening.option.never"
                                                                       : "kiosk_screening.option.none";
    // One question in English, to see the switch works mid-way.
    if (i == 3) {
      tap("kiosk_screening.language");
      EXPECT_TRUE(ui_.has_text("Question 4 of")) << ui_.describe();
      EXPECT_EQ(ui_.try_find("kiosk_screening.option.no")->text, "No");
    }
    tap(pick);
  }
  EXPECT_TRUE(ui_.has_text("Your screening result")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("low"));

  const auto stored = screenings_of(siti_);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].mode, "kiosk");
  EXPECT_EQ(stored[0].answers.size(), count);
  EXPECT_FALSE(stored[0].answers.contains("height_cm"));
  EXPECT_EQ(stored[0].answers.value("physical_activity", ""), "no");
  EXPECT_EQ(stored[0].result["risks"].size(), 4u);

  // Done: back to the kiosk's start, nothing of Siti left.
  tap("kiosk_screening.finish");
  ui_.frame();
  EXPECT_EQ(shell_->current_screen(), "kiosk");
  EXPECT_EQ(kiosk().step(), Step::welcome);
  EXPECT_TRUE(app_->selection().kiosk_participant_id.empty());
  EXPECT_TRUE(ui_.has_text("Ambil Nomor Antrean")) << "Indonesian again for the next person";
}

TEST_F(KioskScreeningTest, ScreenedThisYearIsToldKindlyWithTheNextDateAndNothingIsStored) {
  screened_before(siti_, Date{2025, 10, 1});
  start_kiosk();
  ticket_for_siti();
  EXPECT_EQ(ui_.try_find("kiosk.screening.start"), nullptr) << "not due: not offered";
  // Even opened (as the kiosk would if it were due), it refuses before the first question.
  app_->selection().kiosk_participant_id = siti_;
  shell_->open(screens::kiosk::kScreeningScreen);
  ui_.frame(2);
  ASSERT_EQ(shell_->current_screen(), "kiosk_screening");
  EXPECT_TRUE(ui_.has_text("mulai 01-10-2026")) << ui_.describe();
  EXPECT_EQ(ui_.try_find("kiosk_screening.start"), nullptr);
  EXPECT_EQ(screenings_of(siti_).size(), 1u);
}

TEST_F(KioskScreeningTest, ReachesNobodyButThePersonTheKioskIdentified) {
  start_kiosk();
  app_->selection().participant_id = budi_;  // a staff selection left behind is never read
  shell_->open(screens::kiosk::kScreeningScreen);
  ui_.frame(3);
  EXPECT_EQ(shell_->current_screen(), "kiosk");
  EXPECT_FALSE(ui_.has_text("Budi"));
}

TEST_F(KioskScreeningTest, TheIdleResetDropsAHalfAnsweredScreening) {
  start_kiosk();
  ticket_for_siti();
  tap("kiosk.screening.start");
  ui_.frame();
  tap("kiosk_screening.start");
  tap("kiosk_screening.option.no");
  clock_.advance_ms(kiosk::idle_reset_ms(*app_) + 1000);
  ui_.frame(2);
  EXPECT_EQ(shell_->current_screen(), "kiosk");
  EXPECT_FALSE(ui_.has_text("Siti"));
  EXPECT_TRUE(screenings_of(siti_).empty());
}

// ---- the poli ----

class PoliCareTest : public KioskScreeningTest {
 protected:
  template <class S>
  std::unique_ptr<S> open(const std::string& participant_id) {
    app_->selection().participant_id = participant_id;
    auto screen = std::make_unique<S>(*app_);
    show(*screen);
    return screen;
  }
};

TEST_F(PoliCareTest, ClinicianScreeningSaysBadValuesAndStoresMeasurementsWithCoresFindriscScore) {
  sign_in("dokter", Role::clinician);
  auto screen = open<screens::screening::ScreeningScreen>(budi_);
  EXPECT_TRUE(ui_.has_text("Belum pernah diskrining")) << ui_.describe();

  // The first answer by touch, the others as the clinician would fill them in.
  tap("screening.q.physical_activity.no");
  EXPECT_EQ(screen->form().answers["physical_activity"], "no");
  sc::Answers self = calm_answers();
  self.insert_or_assign("physical_activity", "no");
  self.insert_or_assign("vegetables_fruit", "yes");
  self.insert_or_assign("bp_medicine", "yes");
  self.insert_or_assign("family_diabetes", "first");
  for (const auto& [id, answer] : self) screen->form().answers[id] = *answer.option();

  ui_.type_into("screening.q.height_cm", "1,58m");
  ui_.frame(2);
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("bukan angka")) << ui_.describe();
  tap("screening.save");
  EXPECT_TRUE(screenings_of(budi_).empty()) << "a bad value stores nothing";
  EXPECT_TRUE(ui_.has_text("1 isian perlu diperbaiki")) << ui_.describe();
  // In English too.
  i18n::set_language("en");
  ui_.frame(2);
  EXPECT_TRUE(ui_.has_text("\u201c1,58m\u201d is not a number")) << ui_.describe();
  i18n::set_language("id");
  ui_.frame();
  EXPECT_EQ(screen->form().answers["height_cm"], "1,58m") << "and loses nothing";

  screen->form().answers["height_cm"].clear();
  ui_.type_into("screening.q.height_cm", "158");
  ui_.frame(2);
  ui_.type_into("screening.q.weight_kg", "63,5");
  ui_.frame(2);
  ui_.type_into("screening.q.waist_cm", "92");
  ui_.frame(2);
  ui_.type_into("screening.q.systolic_mmhg", "300");
  ui_.frame(2);
  ui_.type_into("screening.q.diastolic_mmhg", "95");
  ui_.frame(2);
  ui_.frame();
  EXPECT_FALSE(ui_.has_text("bukan angka")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("IMT 25,4 (berat badan lebih)")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("FINDRISC 14")) << ui_.describe();  // 4 age + 1 BMI + 0 waist + 2 + 0 + 2 + 0 + 5
  screen->form().answers["systolic_mmhg"] = "150";
  ui_.frame();
  EXPECT_TRUE(ui_.has_text("Hipertensi")) << ui_.describe();  // the live per-disease result
  tap("screening.save");

  const auto stored = screenings_of(budi_);
  ASSERT_EQ(stored.size(), 1u) << ui_.describe();
  const storage::StoredScreening& s = stored[0];
  EXPECT_EQ(s.mode, "poli");
  EXPECT_DOUBLE_EQ(s.answers["height_cm"].get<double>(), 158.0);
  EXPECT_DOUBLE_EQ(s.answers["weight_kg"].get<double>(), 63.5);
  EXPECT_EQ(s.answers["systolic_mmhg"].get<double>(), 150.0);
  sc::FindriscInput in;
  in.age_years = 75;
  in.sex = Sex::male;
  in.bmi = sc::bmi(63.5, 158);
  in.waist_cm = 92;
  in.active_daily = false;
  in.vegetables_daily = true;
  in.bp_drugs_ever = true;
  in.high_glucose_ever = false;
  in.family = sc::FamilyDiabetes::first_degree;
  const sc::FindriscResult core = sc::findrisc(in);
  EXPECT_EQ(core.score, 14);
  EXPECT_EQ(s.result["findrisc"]["score"].get<int>(), core.score);
  EXPECT_EQ(s.result["findrisc"]["band"].get<std::string>(), sc::band_code(core.band));
  EXPECT_TRUE(ui_.has_text("Skrining tersimpan.")) << ui_.describe();

  // The yearly rule: a second screening the same year is refused with the next date.
  auto again = open<screens::screening::ScreeningScreen>(budi_);
  EXPECT_TRUE(ui_.has_text("Terakhir diskrining: 01-01-2026 (poli)")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("mulai 01-01-2027")) << ui_.describe();
  EXPECT_EQ(ui_.try_find("screening.save"), nullptr);
}

TEST_F(PoliCareTest, ThePoliCompletesTodaysKioskScreening) {
  screened_before(siti_, Date{2026, 1, 1}, storage::ScreeningMode::kiosk);
  const std::string kiosk_id = screenings_of(siti_).front().id;
  sign_in("dokter", Role::clinician);
  auto screen = open<screens::screening::ScreeningScreen>(siti_);
  EXPECT_TRUE(ui_.has_text("menjawab skrining di kios hari ini")) << ui_.describe();
  EXPECT_EQ(screen->form().answers["smoking"], "never");  // the kiosk answers are filled in
  ui_.type_into("screening.q.height_cm", "160");
  ui_.frame(2);
  ui_.type_into("screening.q.weight_kg", "55");
  ui_.frame(2);
  tap("screening.save");
  auto stored = screenings_of(siti_);
  ASSERT_EQ(stored.size(), 2u) << ui_.describe();
  const auto poli = std::find_if(stored.begin(), stored.end(), [](const auto& s) { return s.mode == "poli"; });
  ASSERT_NE(poli, stored.end());
  EXPECT_EQ(poli->completes, kiosk_id);
  EXPECT_TRUE(poli->counts);
}

TEST_F(PoliCareTest, OnlyCliniciansAndAdminsScreenOrRecordVisits) {
  sign_in("loket", Role::registration);
  auto screening = open<screens::screening::ScreeningScreen>(budi_);
  EXPECT_EQ(ui_.try_find("screening.save"), nullptr);
  auto visit = open<screens::visit::VisitScreen>(budi_);
  EXPECT_EQ(ui_.try_find("visit.save"), nullptr);
  EXPECT_FALSE(context::allowed(Role::viewer, context::Permission::record_care));
  EXPECT_TRUE(context::allowed(Role::admin, context::Permission::record_care));
}

// Opened with nobody selected (a menu, a stale link), both forms say so instead of offering an empty record.
TEST_F(PoliCareTest, WithNobodySelectedTheFormsSaySoAndOfferNoSave) {
  sign_in("dokter", Role::clinician);
  auto visit = open<screens::visit::VisitScreen>("");
  EXPECT_TRUE(ui_.has_text("Pilih peserta dulu")) << ui_.describe();
  EXPECT_EQ(ui_.try_find("visit.save"), nullptr);
  auto screening = open<screens::screening::ScreeningScreen>("");
  EXPECT_TRUE(ui_.has_text("Pilih peserta dulu")) << ui_.describe();
  EXPECT_EQ(ui_.try_find("screening.save"), nullptr);
}

TEST_F(PoliCareTest, ServingOpensTheVisitRecordWhoseDiagnosesComeFromTheSearchAndShowInTheHistory) {
  const queue::QueueEntry entry = take(siti_, kSitiCard);
  sign_in("dokter", Role::clinician);
  auto poli = std::make_unique<screens::poli::PoliScreen>(*app_);
  show(*poli);
  tap("poli.call_next");
  settle();
  // At the door: the caller offers the screening and the visit record of that patient.
  tap("poli.open_screening");
  ASSERT_FALSE(navigator_.opened.empty());
  EXPECT_EQ(navigator_.opened.back(), "screening");
  EXPECT_EQ(app_->selection().participant_id, siti_);
  tap("poli.action.serve");
  settle();
  ASSERT_FALSE(navigator_.opened.empty());
  EXPECT_EQ(navigator_.opened.back(), "visit");
  EXPECT_EQ(app_->selection().participant_id, siti_);
  EXPECT_EQ(app_->selection().queue_entry_id, entry.id);

  auto visit = std::make_unique<screens::visit::VisitScreen>(*app_);
  show(*visit);
  EXPECT_TRUE(ui_.has_text("Siti Rahma")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text(entry.number));
  ui_.type(std::string("batuk pilek 3 hari"));  // the complaint has focus
  EXPECT_EQ(visit->form().complaint, "batuk pilek 3 hari");

  // Save with nothing picked: said, nothing stored.
  tap("visit.save");
  EXPECT_TRUE(ui_.has_text("Pilih paling sedikit satu diagnosis.")) << ui_.describe();

  ui_.type_into("visit.diagnosis_search", "j06");
  ui_.frame();
  tap("visit.dx.J06.9");
  EXPECT_EQ(visit->form().diagnoses, std::vector<std::string>{"J06.9"});
  ui_.type_into("visit.diagnosis_search", "hipertensi");
  ui_.press_enter();  // Enter in the search picks the first match, and does not save
  ui_.frame();
  EXPECT_EQ(visit->form().diagnoses, (std::vector<std::string>{"J06.9", "I10"})) << ui_.describe();

  ui_.type_into("visit.vital.temperature_c", "tiga delapan");
  ui_.frame(2);
  EXPECT_TRUE(ui_.has_text("bukan angka")) << ui_.describe();
  ui_.type_into("visit.vital.systolic_mmhg", "400");
  ui_.frame(2);
  tap("visit.save");
  EXPECT_TRUE(ui_.has_text("Tekanan darah sistolik di luar rentang")) << ui_.describe();
  auto none = storage::Visits(app_->replica(), &app_->icd10()).history(siti_);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty()) << "bad vitals store nothing";
  EXPECT_EQ(visit->form().vitals["temperature_c"], "tiga delapan") << "and lose nothing";
  // Corrected (no field is being edited after Save).
  visit->form().vitals["temperature_c"] = "38,2";
  visit->form().vitals["systolic_mmhg"] = "130";
  visit->form().vitals["diastolic_mmhg"] = "85";
  ui_.frame();
  tap("visit.outcome.referred");
  tap("visit.save");

  auto history = storage::Visits(app_->replica(), &app_->icd10()).history(siti_);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u) << ui_.describe();
  const storage::Visit& v = history->front();
  EXPECT_EQ(v.poli, "001");
  EXPECT_EQ(v.complaint, "batuk pilek 3 hari");
  ASSERT_EQ(v.diagnoses.size(), 2u);
  EXPECT_EQ(v.diagnoses[0].code, "J06.9");
  EXPECT_EQ(v.diagnoses[1].code, "I10");
  EXPECT_EQ(v.outcome, "referred");
  EXPECT_EQ(v.queue_entry_id, entry.id);
  EXPECT_EQ(v.clinician, "dokter");
  EXPECT_DOUBLE_EQ(v.vitals["temperature_c"].get<double>(), 38.2);
  EXPECT_EQ(v.vitals["systolic_mmhg"].get<double>(), 130.0);
  EXPECT_TRUE(ui_.has_text("Kunjungan tersimpan")) << ui_.describe();

  // The participant's service history shows it.
  tap("visit.open_history");
  EXPECT_EQ(navigator_.opened.back(), "participant");
  auto page = screens::participant::make_participant_screen(screens::ScreenDeps{*app_, options_});
  show(*page);
  tap("participant.tab.services");
  EXPECT_TRUE(ui_.has_text("J06.9")) << ui_.describe();
  EXPECT_TRUE(ui_.has_text("batuk pilek 3 hari"));
  // The participant page opens the clinician's screens for this person.
  tap("participant.screening");
  EXPECT_EQ(navigator_.opened.back(), "screening");
  tap("participant.visit");
  EXPECT_EQ(navigator_.opened.back(), "visit");
  EXPECT_EQ(app_->selection().participant_id, siti_);
  EXPECT_TRUE(app_->selection().queue_entry_id.empty()) << "a visit from the page is not the queue's";
}

}  // namespace
}  // namespace simpul::queue_test

// ---- the pure parts ----
namespace simpul::screens {
namespace {

TEST(CareForms, EveryQuestionAndOptionHasWordsInBothLanguages) {
  auto words = context::load_questionnaire_words(SIMPUL_ASSET_DIR, simpul::screening::kCurrentVersion);
  ASSERT_TRUE(words.ok()) << words.error().message;
  EXPECT_FALSE(words->title.id.empty());
  EXPECT_FALSE(words->disclaimer.en.empty());
  for (const auto& spec : *simpul::screening::questions(simpul::screening::kCurrentVersion)) {
    const context::QuestionWords* q = words->question(spec.id);
    ASSERT_NE(q, nullptr) << spec.id;
    EXPECT_FALSE(q->text.id.empty() || q->text.en.empty()) << spec.id;
    EXPECT_NE(words->section(q->section), nullptr) << spec.id;
    for (std::string_view option : spec.options) {
      const context::Words* o = q->option(option);
      ASSERT_NE(o, nullptr) << spec.id << "." << option;
      EXPECT_FALSE(o->id.empty() || o->en.empty()) << spec.id << "." << option;
    }
  }
  EXPECT_FALSE(context::load_questionnaire_words(SIMPUL_ASSET_DIR, "v0").ok());
}

TEST(CareForms, DecimalsWithACommaOrAPoint) {
  EXPECT_EQ(widgets::parse_decimal("72,5"), 72.5);
  EXPECT_EQ(widgets::parse_decimal(" 158 "), 158.0);
  EXPECT_EQ(widgets::parse_decimal("1,58m"), std::nullopt);
  EXPECT_EQ(widgets::parse_decimal("1.2.3"), std::nullopt);
  EXPECT_EQ(widgets::parse_decimal(""), std::nullopt);
  EXPECT_EQ(widgets::parse_decimal("-5"), std::nullopt);
}

TEST(CareForms, MissingScreeningAnswersAreSaidOnlyOnceSaveWasPressed) {
  i18n::set_language("id");
  screening::Form form;
  form.answers["physical_activity"] = "no";
  form.answers["waist_cm"] = "abc";
  const auto parsed = screening::parse_answers(form, simpul::screening::kCurrentVersion);
  ASSERT_EQ(parsed.not_numbers.size(), 1u);
  EXPECT_EQ(parsed.not_numbers[0].field, "waist_cm");
  const Findings live = screening::check_form(parsed, simpul::screening::kCurrentVersion, false);
  const Findings saved = screening::check_form(parsed, simpul::screening::kCurrentVersion, true);
  auto missing = [](const Findings& f) {
    return std::count_if(f.begin(), f.end(), [](const Finding& x) { return x.code == "screening.missing_answer"; });
  };
  EXPECT_EQ(missing(live), 0);
  EXPECT_EQ(missing(saved), 17);  // every self question but the one answered
  EXPECT_EQ(std::count_if(saved.begin(), saved.end(), [](const Finding& x) { return x.field == "waist_cm"; }), 1)
      << "a bad number is said once";
}

TEST(CareForms, LiveFindriscCountsWhatIsAnsweredSoFar) {
  i18n::set_language("id");
  simpul::screening::Answers a;
  const Date birth{1950, 3, 12}, today{2026, 1, 1};  // 75: 4 points for age
  EXPECT_EQ(screening::live_findrisc(a, birth, Sex::male, today), "FINDRISC 4 (sementara: 1 dari 8 butir)");
  a.emplace("family_diabetes", "first");
  a.emplace("height_cm", 158.0);
  a.emplace("weight_kg", 63.5);
  EXPECT_EQ(screening::live_findrisc(a, birth, Sex::male, today), "FINDRISC 10 (sementara: 3 dari 8 butir)");
  EXPECT_EQ(screening::live_bmi(a), "IMT 25,4 (berat badan lebih)");
}

TEST(CareForms, VisitFormSaysBadVitalsAndWhatIsMissing) {
  i18n::set_language("id");
  visit::Form form;
  form.vitals["temperature_c"] = "38,2";
  form.vitals["pulse_bpm"] = "cepat";
  const Findings live = visit::check_form(form, false);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0].field, "vitals.pulse_bpm");
  const Findings saved = visit::check_form(form, true);
  EXPECT_EQ(saved.size(), 4u);  // + complaint, diagnosis, poli
  form.vitals["pulse_bpm"] = "88";
  const storage::NewVisit v = visit::to_request(form, "p", "", "dokter");
  EXPECT_DOUBLE_EQ(v.vitals["temperature_c"].get<double>(), 38.2);
  EXPECT_EQ(v.vitals["pulse_bpm"].get<double>(), 88.0);
  EXPECT_EQ(v.outcome, "home");
}

}  // namespace
}  // namespace simpul::screens
