#include "screens/registration/presenter.hpp"

#include <algorithm>

#include "simpul/core/rules/address.hpp"
#include "simpul/core/rules/contact.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/identity.hpp"
#include "simpul/core/rules/membership.hpp"
#include "simpul/core/rules/participant.hpp"
#include "simpul/core/rules/premium.hpp"
#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::registration {
namespace {

using widgets::desk_finding;

bool is_person_field(std::string_view field) {
  return field == "nik" || field == "name" || field == "birth_date" || field == "sex" || field == "relation" ||
         field == "phone" || field == "email";
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const Facility* find_facility(const Reference& ref, std::string_view code) {
  if (ref.facilities == nullptr || code.empty()) return nullptr;
  for (const Facility& f : *ref.facilities)
    if (f.code == code) return &f;
  return nullptr;
}

bool has_poli_gigi(const Facility& f) {
  return std::any_of(f.polis.begin(), f.polis.end(), [](const Poli& p) { return p.code == rules::kPoliGigiCode; });
}

bool can_be_fktp(const Facility& f) {
  return f.type == FacilityType::puskesmas || f.type == FacilityType::klinik || f.type == FacilityType::dpp;
}

bool can_be_dental(const Facility& f) { return f.type == FacilityType::dpg || (can_be_fktp(f) && has_poli_gigi(f)); }

bool dental_allowed(const Form& form, const Reference& ref) {
  const Facility* fktp = find_facility(ref, form.fktp.code);
  return fktp != nullptr && fktp->type == FacilityType::dpp;
}

// Is the field this finding points at still empty? Its findings ("required") wait for the first Save.
bool field_empty(const Form& form, const PersonForm& person, std::string_view field) {
  if (field == "nik") return person.nik.empty();
  if (field == "name") return person.name.empty();
  if (field == "birth_date") return person.birth_date.empty();
  if (field == "sex") return !person.sex.has_value();
  if (field == "phone") return person.phone.empty();
  if (field == "email") return person.email.empty();
  if (field == "kk_number") return form.kk_number.empty();
  if (field == "village_code") return form.region.village().empty();
  if (field == "rt") return form.rt.empty();
  if (field == "rw") return form.rw.empty();
  if (field == "fktp") return form.fktp.code.empty();
  if (field == "dental_fktp") return form.dental.code.empty();
  if (field == "autodebit_provider") return form.autodebit_provider.empty();
  return false;
}

Findings visible(const Findings& all, const Form& form, const PersonForm& person) {
  Findings out;
  for (const Finding& f : all)
    if (form.save_attempted || !field_empty(form, person, f.field)) out.push_back(f);
  return out;
}

int count(const Findings& findings, Severity severity) {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [severity](const Finding& f) { return f.severity == severity; }));
}

// The desk's checks beyond one participant's fields: the household as a whole and the facilities as this device
// knows them.
void append_desk_checks(Findings& out, const Form& form, std::size_t index, const Reference& ref,
                        const Existing& existing) {
  const PersonForm& person = form.people[index];
  if (!person.saved_id.empty()) return;
  if (const auto it = existing.find(person.nik); it != existing.end())
    out.push_back(desk_finding("nik", Severity::error, "registration.nik_registered", it->second.name));
  for (std::size_t other = 0; other < form.people.size(); ++other) {
    if (other == index) continue;
    const PersonForm& o = form.people[other];
    if (!person.nik.empty() && o.nik == person.nik)
      out.push_back(desk_finding("nik", Severity::error, "registration.nik_twice", std::to_string(other + 1)));
    if (person.relation == FamilyRelation::head && o.relation == FamilyRelation::head)
      out.push_back(desk_finding("relation", Severity::error, "registration.two_heads", std::to_string(other + 1)));
  }
  if (!form.fktp.code.empty() && ref.facilities != nullptr) {
    const Facility* fktp = find_facility(ref, form.fktp.code);
    if (fktp == nullptr) {
      out.push_back(desk_finding("fktp", Severity::warning, "registration.fktp_not_on_device", form.fktp.code));
    } else if (!can_be_fktp(*fktp)) {
      out.push_back(desk_finding("fktp", Severity::error, "registration.fktp_not_first_level", fktp->name));
    } else {
      rules::append(out, rules::check_dental_fktp(*fktp, form.dental.code, find_facility(ref, form.dental.code)));
    }
  }
}

}  // namespace

NikPreview preview_nik(const std::string& nik, const Reference& ref) {
  NikPreview out;
  if (nik.empty() || !all_digits(nik) || nik.size() > 16) return out;
  out.digits = nik.size();
  if (ref.regions != nullptr) {
    for (const std::size_t length : {std::size_t{6}, std::size_t{4}, std::size_t{2}}) {
      if (nik.size() < length) continue;
      out.region = ref.regions->describe(nik.substr(0, length));
      if (!out.region.empty()) break;
    }
  }
  if (nik.size() >= 12) {
    // The serial (last 4 digits) does not change the date or sex: decode with a stand-in while it is typed.
    const std::string whole = nik.size() == 16 ? nik : nik.substr(0, 12) + "0001";
    if (auto info = rules::decode_nik(whole, ref.today); info.ok()) {
      out.birth_date = widgets::date_text(info->birth_date);
      out.sex = info->sex;
    }
  }
  return out;
}

void update_derived(Form& form, const Reference& ref) {
  for (std::size_t i = 0; i < form.people.size(); ++i) {
    PersonForm& person = form.people[i];
    if (!person.saved_id.empty()) continue;
    const NikPreview nik = preview_nik(person.nik, ref);
    if (!person.birth_date_edited) person.birth_date = nik.birth_date;
    if (!person.sex_edited) person.sex = nik.sex;
    if (i == 0 && ref.regions != nullptr) {
      // Follow the first NIK's district while staff have not chosen a region themselves.
      const std::string prefix = nik.digits >= 6 ? person.nik.substr(0, 6) : std::string();
      const bool derived = !form.region_from_nik.empty();
      if ((form.region.empty() || derived) && prefix != form.region_from_nik) {
        widgets::RegionPickerState from_nik;
        if (!prefix.empty()) widgets::set_region(from_nik, *ref.regions, prefix);
        form.region.codes = from_nik.codes;
        form.region_from_nik = from_nik.empty() ? std::string() : prefix;
      }
    }
  }
  if (!dental_allowed(form, ref)) form.dental.code.clear();
}

Participant to_participant(const Form& form, std::size_t index) {
  const PersonForm& person = form.people.at(index);
  Participant p;
  p.id = person.saved_id;
  p.nik = person.nik;
  p.name = std::string(person.name);
  // Surrounding spaces are a typing accident, not part of the name.
  p.name.erase(0, p.name.find_first_not_of(' '));
  p.name.erase(p.name.find_last_not_of(' ') + 1);
  p.birth_date = widgets::parse_date_text(person.birth_date).value_or(Date{});
  p.sex = person.sex.value_or(Sex::male);
  p.relation = person.relation;
  p.kk_number = form.kk_number;
  p.address.village_code = form.region.village();
  p.address.street = form.street;
  p.address.rt = rules::normalize_rt_rw(form.rt, "rt").value_or(form.rt);
  p.address.rw = rules::normalize_rt_rw(form.rw, "rw").value_or(form.rw);
  p.phone = person.phone.empty() ? std::string() : rules::normalize_phone(person.phone).value_or(person.phone);
  p.email = person.email.empty() ? std::string() : rules::normalize_email(person.email).value_or(person.email);
  p.segment = Segment::pbpu;
  p.care_class = form.care_class;
  p.fktp = form.fktp.code;
  p.dental_fktp = form.dental.code;
  p.autodebit = form.autodebit;
  p.autodebit_provider = form.autodebit == Autodebit::none ? std::string() : form.autodebit_provider;
  p.status = MemberStatus::active;
  p.verification = Verification::pending;  // the central server checks it against the civil registry
  return p;
}

Findings person_findings(const Form& form, std::size_t index, const Reference& ref, const Existing& existing) {
  const PersonForm& person = form.people.at(index);
  const Participant p = to_participant(form, index);
  Findings out = rules::validate_participant(p, ref.regions, ref.today);
  const std::optional<Date> birth = widgets::parse_date_text(person.birth_date);
  if (!birth || !person.sex) {
    // validate_participant compared the NIK with stand-in values: compare only with what was entered.
    std::erase_if(out, [](const Finding& f) { return f.field == "nik" || f.field == "birth_date"; });
    rules::append(out, rules::check_nik(p.nik, person.sex, birth, ref.regions, ref.today));
  }
  if (!birth) {
    out.push_back(desk_finding("birth_date", Severity::error,
                               person.birth_date.empty() ? "registration.birth_required" : "registration.birth_format"));
  }
  if (!person.sex) out.push_back(desk_finding("sex", Severity::error, "registration.sex_required"));
  append_desk_checks(out, form, index, ref, existing);
  return out;
}

View build_view(const Form& form, const Reference& ref, const Existing& existing) {
  View view;
  std::optional<std::size_t> household_from;
  int unsaved = 0;
  for (std::size_t i = 0; i < form.people.size(); ++i) {
    const PersonForm& person = form.people[i];
    PersonView pv;
    pv.saved = !person.saved_id.empty();
    pv.tab_label = std::to_string(i + 1) + ". " + (person.name.empty() ? tr("registration.new_person") : person.name);
    pv.nik = preview_nik(person.nik, ref);
    if (const auto it = existing.find(person.nik); it != existing.end() && !pv.saved) pv.duplicate = it->second;
    if (!person.phone.empty()) pv.phone_normalized = rules::normalize_phone(person.phone).value_or(std::string());
    if (!pv.saved) {
      ++unsaved;
      const Findings all = person_findings(form, i, ref, existing);
      Findings mine;
      for (const Finding& f : all)
        if (is_person_field(f.field)) mine.push_back(f);
      pv.errors = count(mine, Severity::error);
      view.errors += pv.errors;
      view.warnings += count(mine, Severity::warning);
      pv.findings = visible(mine, form, person);
      if (!household_from) {
        household_from = i;
        Findings household;
        for (const Finding& f : all)
          if (!is_person_field(f.field)) household.push_back(f);
        view.errors += count(household, Severity::error);
        view.warnings += count(household, Severity::warning);
        view.household = visible(household, form, person);
      }
    }
    view.people.push_back(std::move(pv));
  }

  if (ref.regions != nullptr) view.region = widgets::region_picker_view(*ref.regions, form.region);
  static const std::vector<Facility> kNone;
  const std::vector<Facility>& facilities = ref.facilities != nullptr ? *ref.facilities : kNone;
  view.fktp = widgets::facility_options(facilities, can_be_fktp, ref.origin, form.fktp);
  view.dental_enabled = dental_allowed(form, ref);
  view.dental = widgets::facility_options(facilities, can_be_dental, ref.origin, form.dental,
                                          std::string(tr("registration.no_dental")));
  view.dental.enabled = view.dental_enabled;

  if (rules::check_care_class(form.care_class).empty()) {
    view.premium.per_person = rules::monthly_premium_rupiah(form.care_class);
    view.premium.subsidy = rules::premium_subsidy_rupiah(form.care_class);
  }
  view.premium.people = unsaved;
  view.premium.total = view.premium.per_person * unsaved;
  return view;
}

void add_member(Form& form) {
  PersonForm person;
  person.relation = FamilyRelation::child;
  form.people.push_back(std::move(person));
  form.current = form.people.size() - 1;
  form.focus_pending = true;
}

Form next_family_form(const Form& form) {
  Form next;
  next.kk_number = form.kk_number;
  next.region.codes = form.region.codes;
  next.street = form.street;
  next.rt = form.rt;
  next.rw = form.rw;
  next.care_class = form.care_class;
  next.fktp.code = form.fktp.code;
  next.dental.code = form.dental.code;
  next.autodebit = form.autodebit;
  next.autodebit_provider = form.autodebit_provider;
  next.people.front().relation = FamilyRelation::child;
  return next;
}

}  // namespace simpul::screens::registration
