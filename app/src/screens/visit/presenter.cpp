#include "screens/visit/presenter.hpp"

#include "widgets/form_text.hpp"
#include "widgets/number_text.hpp"

namespace simpul::screens::visit {

VitalsInput vitals_input(const Form& form) {
  VitalsInput in;
  for (const VitalField& field : kVitals) {
    auto it = form.vitals.find(field.key);
    if (it == form.vitals.end()) continue;
    const std::string& typed = it->second;
    if (typed.find_first_not_of(' ') == std::string::npos) continue;
    if (auto number = widgets::parse_decimal(typed)) {
      in.vitals[field.key] = *number;
    } else {
      in.not_numbers.push_back(widgets::desk_finding(std::string("vitals.") + field.key, Severity::error,
                                                     "visit.error.not_number", typed));
    }
  }
  return in;
}

Findings check_form(const Form& form, bool submitted) {
  VitalsInput in = vitals_input(form);
  Findings out = std::move(in.not_numbers);
  const storage::VitalsCheck vitals = storage::normalize_vitals(in.vitals);
  out.insert(out.end(), vitals.findings.begin(), vitals.findings.end());
  if (submitted) {
    if (form.complaint.find_first_not_of(" \n\t") == std::string::npos)
      out.push_back(widgets::desk_finding("complaint", Severity::error, "visit.error.complaint_required"));
    if (form.diagnoses.empty())
      out.push_back(widgets::desk_finding("diagnoses", Severity::error, "visit.error.diagnosis_required"));
    if (form.poli_code.empty())
      out.push_back(widgets::desk_finding("poli", Severity::error, "visit.error.poli_required"));
  }
  return out;
}

storage::NewVisit to_request(const Form& form, const std::string& participant_id, const std::string& queue_entry_id,
                             const std::string& clinician) {
  storage::NewVisit v;
  v.participant_id = participant_id;
  v.poli = form.poli_code;
  v.complaint = form.complaint;
  v.vitals = vitals_input(form).vitals;
  v.diagnoses = form.diagnoses;
  v.outcome = form.referred ? "referred" : "home";
  v.clinician = clinician;
  v.notes = form.notes;
  v.queue_entry_id = queue_entry_id;
  return v;
}

}  // namespace simpul::screens::visit
