// What the participant should do next, in Bahasa Indonesia and English. Wording only: levels are decided
// by the rule table, so this file may be reworded without making a new questionnaire version.
#include <algorithm>

#include "versions.hpp"

namespace simpul::screening::detail {
namespace {

Advice advice(std::string code, std::string id, std::string en) {
  return Advice{std::move(code), std::move(id), std::move(en)};
}

// "diabetes melitus tipe 2 dan hipertensi" / "type 2 diabetes and hypertension".
std::string disease_list(const std::vector<Disease>& diseases, const std::string& lang) {
  std::string out;
  for (std::size_t i = 0; i < diseases.size(); ++i) {
    if (i > 0) out += i + 1 == diseases.size() ? (lang == "en" ? " and " : " dan ") : ", ";
    std::string name = disease_name(diseases[i], lang);
    if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') name[0] = static_cast<char>(name[0] - 'A' + 'a');
    out += name;
  }
  return out;
}

bool above_normal_body(const ScreeningResult& r) {
  return (r.bmi_category && above_normal(*r.bmi_category)) || r.central_obesity.value_or(false);
}

}  // namespace

std::vector<Advice> advise(const ScreeningResult& r, const RiskFacts& f) {
  std::vector<Advice> out;
  std::vector<Disease> high;
  bool provisional = false;
  for (const auto& d : r.risks) {
    if (d.level == RiskLevel::high) high.push_back(d.disease);
    provisional = provisional || d.provisional;
  }

  if (f.chest_pain_exertion) {
    out.push_back(advice(
        "advice.chest_pain",
        "Nyeri dada saat beraktivitas perlu diperiksa dokter secepatnya. Bila nyeri dada muncul saat "
        "istirahat, "
        "lebih dari 20 menit, atau disertai keringat dingin atau sesak napas, segera ke IGD terdekat atau "
        "hubungi 119.",
        "Chest pain on exertion needs a doctor soon. If chest pain comes at rest, lasts more than 20 "
        "minutes, "
        "or comes with cold sweat or shortness of breath, go to the nearest emergency department or call "
        "119."));
  }
  if (!high.empty()) {
    out.push_back(
        advice("advice.see_doctor",
               "Risiko tinggi untuk " + disease_list(high, "id") +
                   ". Mohon temui dokter di FKTP Anda dalam waktu dekat.",
               "High risk of " + disease_list(high, "en") + ". Please see the doctor at your FKTP soon."));
  }
  if (r.follow_up) {
    out.push_back(advice(
        "advice.follow_up",
        "Datanglah ke FKTP Anda untuk pemeriksaan lanjutan: berat dan tinggi badan (IMT) serta lingkar "
        "perut. "
        "Bila hasilnya di atas normal, periksa juga gula darah puasa, gula darah 2 jam setelah makan, dan "
        "tekanan darah.",
        "Come to your FKTP for follow-up checks: weight and height (BMI) and waist. If they are above "
        "normal, "
        "also fasting blood glucose, blood glucose 2 hours after a meal, and blood pressure."));
  }
  if (above_normal_body(r) && (!r.fasting_glucose || !r.post_meal_glucose)) {
    out.push_back(
        advice("advice.check_glucose",
               "IMT atau lingkar perut di atas normal: periksa gula darah puasa dan 2 jam setelah makan.",
               "BMI or waist above normal: check fasting blood glucose and glucose 2 hours after a meal."));
  }
  if (r.blood_pressure && *r.blood_pressure != BpCategory::normal && !f.diagnosed_hypertension &&
      !f.bp_drugs) {
    out.push_back(
        advice("advice.recheck_bp",
               "Tekanan darah di atas normal. Satu kali pengukuran belum cukup untuk diagnosis: ukur ulang "
               "pada kunjungan berikutnya.",
               "Blood pressure above normal. One reading is not enough for a diagnosis: measure it again at "
               "another visit."));
  }
  if (provisional) {
    out.push_back(advice(
        "advice.measure",
        "Sebagian hasil bisa berubah setelah pengukuran. Mohon minta petugas poli mengukur tinggi dan berat "
        "badan, lingkar perut, dan tekanan darah.",
        "Some results may change once you are measured. Please ask the poli staff to measure your height, "
        "weight, waist and blood pressure."));
  }
  if (f.diagnosed_diabetes || f.diagnosed_hypertension || f.bp_drugs || f.diagnosed_kidney ||
      f.diagnosed_heart) {
    out.push_back(
        advice("advice.continue_care",
               "Bila Anda sudah didiagnosis atau rutin minum obat, lanjutkan kontrol teratur di FKTP. "
               "Untuk diabetes dan darah tinggi, tanyakan program Prolanis.",
               "If you have been diagnosed or take medicine regularly, keep up regular check-ups at your "
               "FKTP. For diabetes and high blood pressure, ask about the Prolanis programme."));
  }
  if (f.smoking == Smoking::current) {
    out.push_back(
        advice("advice.stop_smoking",
               "Berhenti merokok menurunkan risiko penyakit jantung. Puskesmas dapat membantu "
               "(layanan upaya berhenti merokok).",
               "Stopping smoking lowers the risk of heart disease. The puskesmas can help (stop-smoking "
               "service)."));
  }
  if (!r.follow_up && !provisional) {
    out.push_back(
        advice("advice.keep_healthy",
               "Risiko Anda rendah. Tetap aktif bergerak 30 menit setiap hari, makan sayur dan buah, "
               "kurangi gula, garam dan lemak, dan jangan merokok. Skrining lagi 12 bulan lagi.",
               "Your risk is low. Stay active 30 minutes every day, eat vegetables and fruit, cut down on "
               "sugar, salt and fat, and do not smoke. Screen again in 12 months."));
  }
  out.push_back(
      advice("advice.disclaimer",
             "Ini adalah skrining risiko untuk menentukan pemeriksaan lanjutan, bukan diagnosis. Hanya "
             "dokter yang dapat menegakkan diagnosis.",
             "This is a risk screening to decide on follow-up checks, not a diagnosis. Only a doctor can "
             "make a diagnosis."));
  return out;
}

}  // namespace simpul::screening::detail
