#include "screens/change/presenter.hpp"

#include <algorithm>

#include "simpul/core/rules/address.hpp"
#include "simpul/core/rules/contact.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/identity.hpp"
#include "simpul/core/rules/membership.hpp"
#include "simpul/core/rules/premium.hpp"
#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::change {
namespace {

using widgets::desk_finding;

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

bool fktp_is_dpp(const Participant& p, const Reference& ref) {
  const Facility* f = find_facility(ref, p.fktp);
  return f != nullptr && f->type == FacilityType::dpp;
}

std::string or_dash(std::string s) { return s.empty() ? std::string("-") : s; }

std::string facility_text(const Reference& ref, const std::string& code) {
  if (code.empty()) return {};
  const Facility* f = find_facility(ref, code);
  return f != nullptr ? f->name + " (" + code + ")" : code;
}

std::string class_text(int care_class) { return std::string(tr("change.class")) + " " + std::to_string(care_class); }

std::string address_text(const Reference& ref, const std::string& street, const std::string& rt,
                         const std::string& rw, const std::string& village) {
  std::string out = street;
  if (!rt.empty() || !rw.empty()) out += (out.empty() ? "" : ", ") + std::string("RT ") + rt + "/RW " + rw;
  const std::string region = ref.regions != nullptr ? ref.regions->describe(village) : village;
  if (!region.empty()) out += (out.empty() ? "" : ", ") + region;
  return out;
}

std::string premium_text(int care_class) {
  if (care_class < 1 || care_class > 3) return {};
  return widgets::rupiah(rules::monthly_premium_rupiah(care_class)) + " " + tr("change.per_month");
}

// Records one field: written when it differs, and shown before -> after.
class PlanBuilder {
 public:
  explicit PlanBuilder(Plan& plan) : plan_(plan) {}
  void text(const char* column, const char* label_key, const std::string& before, const std::string& after,
            const std::string& before_shown, const std::string& after_shown) {
    if (before == after) return;
    plan_.changes[column] = after.empty() ? storage::Fields() : storage::Fields(after);
    plan_.lines.push_back({tr(label_key), or_dash(before_shown), or_dash(after_shown)});
  }
  void text(const char* column, const char* label_key, const std::string& before, const std::string& after) {
    text(column, label_key, before, after, before, after);
  }
  void integer(const char* column, const char* label_key, int before, int after, const std::string& before_shown,
               const std::string& after_shown) {
    if (before == after) return;
    plan_.changes[column] = after;
    plan_.lines.push_back({tr(label_key), before_shown, after_shown});
  }

 private:
  Plan& plan_;
};

void plan_newborn(const Participant& p, const Form& form, const Reference& ref, Plan& plan) {
  plan.findings = rules::check_newborn_nik_update(p, form.new_nik, ref.regions, ref.today);
  if (!has_errors(plan.findings) && ref.nik_taken && ref.nik_taken(form.new_nik))
    plan.findings.push_back(desk_finding("nik", Severity::error, "change.nik_taken", form.new_nik));
  PlanBuilder(plan).text("nik", "change.field.nik", p.nik, form.new_nik);
}

void plan_segment(const Participant& p, const Form& form, Plan& plan) {
  const std::string provider = form.autodebit == Autodebit::none ? std::string() : form.autodebit_provider;
  plan.findings = rules::check_segment_change(
      p, rules::SegmentChange{Segment::pbpu, form.autodebit, provider, form.segment_class, form.consent});
  PlanBuilder b(plan);
  b.text("segment", "change.field.segment", segment_code(p.segment), segment_code(Segment::pbpu),
         widgets::segment_label(p.segment), widgets::segment_label(Segment::pbpu));
  b.text("autodebit", "change.field.autodebit", autodebit_code(p.autodebit), autodebit_code(form.autodebit),
         widgets::autodebit_label(p.autodebit), widgets::autodebit_label(form.autodebit));
  b.text("autodebit_provider", "change.field.autodebit_provider", p.autodebit_provider, provider);
  b.integer("class", "change.field.class", p.care_class, form.segment_class, class_text(p.care_class),
            class_text(form.segment_class));
}

void plan_email(const Participant& p, const Form& form, Plan& plan) {
  plan.findings = rules::check_email(form.email);
  const std::string email = rules::normalize_email(form.email).value_or(form.email);
  PlanBuilder(plan).text("email", "change.field.email", p.email, email);
}

void plan_address(const Participant& p, const Form& form, const Reference& ref, Plan& plan) {
  plan.findings = rules::check_village_code(form.region.village(), ref.regions);
  if (!form.rt.empty()) rules::append(plan.findings, rules::check_rt_rw(form.rt, "rt"));
  if (!form.rw.empty()) rules::append(plan.findings, rules::check_rt_rw(form.rw, "rw"));
  const std::string rt = rules::normalize_rt_rw(form.rt, "rt").value_or(form.rt);
  const std::string rw = rules::normalize_rt_rw(form.rw, "rw").value_or(form.rw);
  const std::string before = address_text(ref, p.address.street, p.address.rt, p.address.rw, p.address.village_code);
  const std::string after = address_text(ref, form.street, rt, rw, form.region.village());
  const bool differs = p.address.village_code != form.region.village() || p.address.street != form.street ||
                       p.address.rt != rt || p.address.rw != rw;
  if (!differs) return;
  // Written field by field; reviewed as one address.
  if (p.address.village_code != form.region.village()) plan.changes["village_code"] = form.region.village();
  if (p.address.street != form.street) plan.changes["street"] = form.street;
  if (p.address.rt != rt) plan.changes["rt"] = rt.empty() ? storage::Fields() : storage::Fields(rt);
  if (p.address.rw != rw) plan.changes["rw"] = rw.empty() ? storage::Fields() : storage::Fields(rw);
  plan.lines.push_back({tr("change.field.address"), or_dash(before), or_dash(after)});
}

void plan_fktp(const Participant& p, const Form& form, const Reference& ref, Plan& plan) {
  plan.findings = rules::check_fktp_change(p, form.fktp.code, ref.today);
  const Facility* fktp = find_facility(ref, form.fktp.code);
  if (!form.fktp.code.empty() && fktp == nullptr) {
    plan.findings.push_back(desk_finding("fktp", Severity::warning, "change.fktp_not_on_device", form.fktp.code));
  } else if (fktp != nullptr && !can_be_fktp(*fktp)) {
    plan.findings.push_back(desk_finding("fktp", Severity::error, "change.fktp_not_first_level", fktp->name));
  }
  if (form.fktp.code.empty() || form.fktp.code == p.fktp) return;
  PlanBuilder b(plan);
  b.text("fktp", "change.field.fktp", p.fktp, form.fktp.code, facility_text(ref, p.fktp),
         facility_text(ref, form.fktp.code));
  const std::string today = ref.today.iso();
  plan.changes["fktp_changed_on"] = today;  // starts the next 3-month wait
  plan.lines.push_back({tr("change.field.fktp_changed_on"),
                        p.fktp_changed_on ? widgets::date_text(*p.fktp_changed_on) : "-", widgets::date_text(ref.today)});
  // A dental facility goes with a DPP only.
  if (!p.dental_fktp.empty() && (fktp == nullptr || fktp->type != FacilityType::dpp)) {
    b.text("dental_fktp", "change.field.dental", p.dental_fktp, "", facility_text(ref, p.dental_fktp), "");
    plan.findings.push_back(desk_finding("dental_fktp", Severity::warning, "change.dental_cleared"));
  }
}

void plan_dental(const Participant& p, const Form& form, const Reference& ref, Plan& plan) {
  const Facility* fktp = find_facility(ref, p.fktp);
  if (fktp == nullptr) {
    plan.findings.push_back(desk_finding("dental_fktp", Severity::error, "change.dental_fktp_unknown", p.fktp));
    return;
  }
  plan.findings = rules::check_dental_fktp(*fktp, form.dental.code, find_facility(ref, form.dental.code));
  PlanBuilder(plan).text("dental_fktp", "change.field.dental", p.dental_fktp, form.dental.code,
                         facility_text(ref, p.dental_fktp), facility_text(ref, form.dental.code));
}

void plan_class(const Participant& p, const Form& form, Plan& plan) {
  plan.findings = rules::check_care_class(form.care_class);
  if (is_pbi(p.segment) && form.care_class != 3 && form.care_class != p.care_class)
    plan.findings.push_back(desk_finding("care_class", Severity::error, "change.pbi_class_fixed"));
  std::string before = class_text(p.care_class);
  std::string after = class_text(form.care_class);
  if (p.segment == Segment::pbpu) {
    before += " (" + premium_text(p.care_class) + ")";
    after += " (" + premium_text(form.care_class) + ")";
  }
  PlanBuilder(plan).integer("class", "change.field.class", p.care_class, form.care_class, before, after);
}

}  // namespace

const char* kind_code(Kind kind) {
  switch (kind) {
    case Kind::newborn_nik: return "newborn_nik";
    case Kind::segment: return "segment";
    case Kind::email: return "email";
    case Kind::address: return "address";
    case Kind::fktp: return "fktp";
    case Kind::dental: return "dental";
    case Kind::care_class: return "care_class";
  }
  return "";
}

void start_change(Form& form, Kind kind, const Participant& p, const RegionTable* regions) {
  form.kind = kind;
  form.reviewing = false;
  form.save_attempted = false;
  form.focus_pending = true;
  form.ktp_seen = false;
  form.ktp_nik.clear();
  form.new_nik.clear();
  form.autodebit = p.autodebit;
  form.autodebit_provider = p.autodebit_provider;
  form.segment_class = p.care_class;
  form.consent = false;
  form.email = p.email;
  form.region = {};
  if (regions != nullptr) widgets::set_region(form.region, *regions, p.address.village_code);
  form.street = p.address.street;
  form.rt = p.address.rt;
  form.rw = p.address.rw;
  form.fktp.code.clear();  // the new FKTP: chosen by staff
  form.dental.code = p.dental_fktp;
  form.care_class = p.care_class;
}

Plan plan_change(const Participant& p, const Form& form, const Reference& ref) {
  Plan plan;
  if (!form.kind) return plan;
  switch (*form.kind) {
    case Kind::newborn_nik: plan_newborn(p, form, ref, plan); break;
    case Kind::segment: plan_segment(p, form, plan); break;
    case Kind::email: plan_email(p, form, plan); break;
    case Kind::address: plan_address(p, form, ref, plan); break;
    case Kind::fktp: plan_fktp(p, form, ref, plan); break;
    case Kind::dental: plan_dental(p, form, ref, plan); break;
    case Kind::care_class: plan_class(p, form, plan); break;
  }
  return plan;
}

Findings identity_findings(const Participant& p, const Form& form, const Reference& ref) {
  Findings out;
  if (!form.ktp_seen) out.push_back(desk_finding("identity", Severity::error, "change.identity.not_confirmed"));
  std::string typed = form.ktp_nik;
  std::erase(typed, ' ');
  if (typed.empty()) {
    out.push_back(desk_finding("identity", Severity::error, "change.identity.nik_required"));
    return out;
  }
  bool match = typed == p.nik;
  if (!match && form.kind == Kind::newborn_nik) {
    match = std::any_of(ref.family.begin(), ref.family.end(), [&](const Participant& member) {
      return member.id != p.id && member.nik == typed &&
             (member.relation == FamilyRelation::head || member.relation == FamilyRelation::spouse);
    });
  }
  if (!match) out.push_back(desk_finding("identity", Severity::error, "change.identity.nik_mismatch"));
  return out;
}

std::vector<KindView> kind_views(const Participant& p, const Reference& ref) {
  std::vector<KindView> out;
  for (const Kind kind : kKinds) {
    KindView v{kind, true, {}};
    if (kind == Kind::dental && !fktp_is_dpp(p, ref)) {
      v.enabled = false;
      v.note = tr("change.note.dental_needs_dpp");
    } else if (kind == Kind::fktp && p.fktp_changed_on) {
      const Date earliest = p.fktp_changed_on->add_months(rules::kFktpChangeMonths);
      if (ref.today < earliest) v.note = std::string(tr("change.note.fktp_from")) + " " + widgets::date_text(earliest);
    } else if (kind == Kind::newborn_nik && p.birth_date.years_until(ref.today) >= rules::kNewbornMaxYears) {
      v.note = tr("change.note.newborn_only");
    } else if (kind == Kind::segment && p.segment != Segment::ppu) {
      v.note = tr("change.note.segment_only_ppu");
    }
    out.push_back(std::move(v));
  }
  return out;
}

ParticipantSummary summarize(const Participant& p, const Reference& ref) {
  ParticipantSummary s;
  s.id = p.id;
  s.name = p.name;
  s.nik = p.nik;
  s.card_number = p.card_number;
  s.birth_date = widgets::date_text(p.birth_date);
  s.segment = widgets::segment_label(p.segment);
  s.care_class = class_text(p.care_class);
  s.fktp = facility_text(ref, p.fktp);
  s.dental = facility_text(ref, p.dental_fktp);
  s.address = address_text(ref, p.address.street, p.address.rt, p.address.rw, p.address.village_code);
  s.email = p.email;
  s.pending_verification = p.verification == Verification::pending;
  return s;
}

View build_view(const Participant& p, const Form& form, const Reference& ref) {
  View view;
  view.has_participant = true;
  view.participant = summarize(p, ref);
  view.kinds = kind_views(p, ref);
  if (!form.kind) return view;

  Plan plan = plan_change(p, form, ref);
  view.errors = static_cast<int>(std::count_if(plan.findings.begin(), plan.findings.end(),
                                               [](const Finding& f) { return f.severity == Severity::error; }));
  view.can_review = view.errors == 0 && !plan.lines.empty();
  view.changes = std::move(plan.lines);
  // Empty fields wait for the first Review press before they show "required".
  const bool show_all = form.save_attempted || form.reviewing;
  for (Finding& f : plan.findings) {
    const bool empty_field = (f.field == "nik" && form.new_nik.empty()) || (f.field == "email" && form.email.empty()) ||
                             (f.field == "fktp" && form.fktp.code.empty()) ||
                             (f.field == "autodebit_provider" && form.autodebit_provider.empty()) ||
                             (f.field == "village_code" && form.region.village().empty());
    if (show_all || !empty_field) view.findings.push_back(std::move(f));
  }

  if (p.fktp_changed_on) {
    const Date earliest = p.fktp_changed_on->add_months(rules::kFktpChangeMonths);
    view.fktp_rule = std::string(tr("change.fktp_last_changed")) + " " + widgets::date_text(*p.fktp_changed_on) + ". " +
                     tr("change.fktp_next_from") + " " + widgets::date_text(earliest) + ".";
  } else {
    view.fktp_rule = tr("change.fktp_never_changed");
  }
  static const std::vector<Facility> kNone;
  const std::vector<Facility>& facilities = ref.facilities != nullptr ? *ref.facilities : kNone;
  if (*form.kind == Kind::address && ref.regions != nullptr)
    view.region = widgets::region_picker_view(*ref.regions, form.region);
  if (*form.kind == Kind::fktp) {
    view.fktp = widgets::facility_options(
        facilities, [&p](const Facility& f) { return can_be_fktp(f) && f.code != p.fktp; }, ref.origin, form.fktp);
  }
  if (*form.kind == Kind::dental) {
    view.dental = widgets::facility_options(facilities, can_be_dental, ref.origin, form.dental,
                                            std::string(tr("change.no_dental")));
  }
  if (*form.kind == Kind::segment) view.premium = premium_text(form.segment_class);
  if (*form.kind == Kind::care_class && p.segment == Segment::pbpu) view.premium = premium_text(form.care_class);

  if (form.reviewing) {
    const Findings identity = identity_findings(p, form, ref);
    for (const Finding& f : identity)
      if (form.save_attempted || (f.code == "change.identity.nik_mismatch" && form.ktp_nik.size() >= p.nik.size()))
        view.identity.push_back(f);
  }
  view.identity_hint = tr(*form.kind == Kind::newborn_nik ? "change.identity.hint_newborn" : "change.identity.hint");
  return view;
}

}  // namespace simpul::screens::change
