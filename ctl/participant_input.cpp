#include "participant_input.hpp"

#include <algorithm>
#include <set>

#include "args.hpp"
#include "simpul/core/rules/address.hpp"
#include "simpul/core/rules/contact.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/identity.hpp"
#include "simpul/core/rules/membership.hpp"
#include "simpul/core/rules/participant.hpp"
#include "simpul/core/uuid.hpp"
#include "simpul/storage/schema.hpp"

namespace simpul::ctl {
namespace {

using rules::error_finding;
using rules::warning_finding;
using nlohmann::json;

constexpr const char* kAddressFields[] = {"street", "rt", "rw", "village_code", "postal_code"};
// Device-side columns that the program fills in itself.
constexpr const char* kAutomaticFields[] = {"fktp_changed_on", "registered_at"};

const storage::EntityDef& participant_def() { return *storage::find_entity("participant"); }

bool is_one_of(const std::string& s, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&s](const char* n) { return s == n; });
}
template <std::size_t N>
bool in(const std::string& s, const char* const (&names)[N]) {
  return std::any_of(std::begin(names), std::end(names), [&s](const char* n) { return s == n; });
}

std::string upper(std::string s) {
  for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

Finding bad_value(const std::string& field, const std::string& value, const std::string& expected_en,
                  const std::string& expected_id) {
  return error_finding(field, field + ".invalid", "Nilai '" + value + "' untuk " + field + " tidak sah: " + expected_id + ".",
                       "'" + value + "' is not a valid " + field + ": " + expected_en + ".");
}

Finding server_owned(const std::string& field, bool ignored) {
  return ignored ? warning_finding(field, "field.server_owned",
                                   field + " diisi oleh server BPJS; nilai pada data masukan diabaikan.",
                                   field + " is assigned by the BPJS server; the value in the input was ignored.")
                 : error_finding(field, "field.server_owned",
                                 field + " diisi oleh server BPJS dan tidak dapat diubah dari perangkat ini.",
                                 field + " is assigned by the BPJS server and cannot be changed on this device.");
}

Finding automatic(const std::string& field, bool ignored) {
  return ignored ? warning_finding(field, "field.automatic", field + " diisi otomatis; nilai pada data masukan diabaikan.",
                                   field + " is filled in automatically; the value in the input was ignored.")
                 : error_finding(field, "field.automatic",
                                 field + " diisi otomatis (misalnya saat FKTP diganti) dan tidak dapat diubah langsung.",
                                 field + " is filled in automatically (e.g. when the FKTP changes) and cannot be set "
                                         "directly.");
}

const Facility* find_facility(const CheckEnv& env, const std::string& code) {
  if (env.facilities == nullptr || code.empty()) return nullptr;
  for (const auto& f : *env.facilities) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

// The chosen FKTP must be a first-level facility where participants register (not a DPG, hospital or office).
Findings check_fktp_facility(const std::string& code, const CheckEnv& env) {
  Findings out;
  if (code.empty() || !rules::check_ppk_code(code, "fktp").empty()) return out;  // shape: validate_participant
  const Facility* f = find_facility(env, code);
  if (f == nullptr) {
    out.push_back(warning_finding("fktp", "fktp.not_on_device",
                                  "FKTP " + code + " tidak ada di daftar faskes perangkat ini; pastikan kodenya benar.",
                                  "FKTP " + code + " is not in this device's facility list; make sure the code is right."));
  } else if (f->type == FacilityType::dpg || !is_fktp(f->type)) {
    out.push_back(error_finding("fktp", "fktp.not_first_level",
                                f->name + " (" + code + ") bukan FKTP tempat peserta terdaftar; pilih puskesmas, klinik "
                                                        "pratama atau dokter praktik perorangan.",
                                f->name + " (" + code + ") is not a first-level facility participants register at; "
                                                        "choose a puskesmas, klinik pratama or doctor's practice (DPP)."));
  }
  return out;
}

Findings check_dental_facility(const std::string& fktp_code, const std::string& dental_code, const CheckEnv& env) {
  Findings out;
  if (dental_code.empty()) return out;
  const Facility* fktp = find_facility(env, fktp_code);
  if (fktp == nullptr) {
    out.push_back(error_finding("dental_fktp", "dental.fktp_unknown",
                                "Aturan faskes gigi tidak dapat diperiksa: FKTP " + fktp_code +
                                    " tidak ada di daftar faskes perangkat ini.",
                                "The dental facility rule cannot be checked: FKTP " + fktp_code +
                                    " is not in this device's facility list."));
    return out;
  }
  return rules::check_dental_fktp(*fktp, dental_code, find_facility(env, dental_code));
}

// ---- register: JSON -> Participant ----

class JsonReader {
 public:
  explicit JsonReader(RegistrationInput& r) : r_(r) {}

  void read(const json& input) {
    Participant& p = r_.participant;
    p.segment = Segment::pbpu;  // a registration at the desk is a self-paying (mandiri) member
    p.relation = FamilyRelation::other;
    p.verification = Verification::pending;  // the server checks it against the civil registry
    bool has_class = false;
    for (const auto& [key, value] : input.items()) {
      if (key == "address") {
        read_address(value);
      } else if (in(key, kAddressFields)) {
        text(key, value, address_field(key));
      } else if (key == "id") {
        std::string id;
        if (text(key, value, id) && !id.empty()) {
          if (is_uuid(id)) p.id = id;
          else r_.findings.push_back(bad_value("id", id, "a lowercase UUID", "UUID huruf kecil"));
        }
      } else if (is_one_of(key, {"nik", "name", "kk_number", "phone", "email", "fktp", "dental_fktp",
                                 "autodebit_provider"})) {
        text(key, value, string_field(key));
      } else if (key == "birth_date") {
        std::string s;
        if (text(key, value, s)) {
          if (const auto d = Date::parse(s)) p.birth_date = *d;
          else r_.findings.push_back(bad_value(key, s, "a date YYYY-MM-DD", "tanggal TTTT-BB-HH"));
        }
      } else if (key == "sex") {
        enumerated(key, value, [&p](const std::string& s) { return assign(p.sex, parse_sex(upper(s))); }, "L or P",
                   "L atau P");
      } else if (key == "relation") {
        enumerated(key, value, [&p](const std::string& s) { return assign(p.relation, parse_relation(s)); },
                   "head, spouse, child or other", "head, spouse, child atau other");
      } else if (key == "segment") {
        enumerated(key, value, [&p](const std::string& s) { return assign(p.segment, parse_segment(upper(s))); },
                   "PBI-APBN, PBI-APBD, PPU, PBPU or BP", "PBI-APBN, PBI-APBD, PPU, PBPU atau BP");
      } else if (key == "autodebit") {
        enumerated(key, value, [&p](const std::string& s) { return assign(p.autodebit, parse_autodebit(s)); },
                   "none, bank or non_bank", "none, bank atau non_bank");
      } else if (key == "class") {
        has_class = read_class(value);
      } else if (const auto* col = participant_def().column(key); col != nullptr && col->server_owned) {
        if (!is_empty(value)) r_.findings.push_back(server_owned(key, true));
      } else if (in(key, kAutomaticFields)) {
        if (!is_empty(value)) r_.findings.push_back(automatic(key, true));
      } else {
        r_.findings.push_back(error_finding(key, "input.unknown_field", "Kolom '" + key + "' tidak dikenal.",
                                            "Unknown field '" + key + "'."));
      }
    }
    if (!has_class) {
      r_.findings.push_back(error_finding("class", "class.required", "Kelas rawat (class) wajib diisi: 1, 2 atau 3.",
                                          "The care class (class) is required: 1, 2 or 3."));
    }
    normalise(p);
  }

 private:
  template <class T>
  static bool assign(T& into, const std::optional<T>& parsed) {
    if (parsed) into = *parsed;
    return parsed.has_value();
  }
  static bool is_empty(const json& v) { return v.is_null() || (v.is_string() && v.get<std::string>().empty()); }

  std::string& address_field(const std::string& key) {
    Address& a = r_.participant.address;
    if (key == "street") return a.street;
    if (key == "rt") return a.rt;
    if (key == "rw") return a.rw;
    if (key == "village_code") return a.village_code;
    return a.postal_code;
  }
  std::string& string_field(const std::string& key) {
    Participant& p = r_.participant;
    if (key == "nik") return p.nik;
    if (key == "name") return p.name;
    if (key == "kk_number") return p.kk_number;
    if (key == "phone") return p.phone;
    if (key == "email") return p.email;
    if (key == "fktp") return p.fktp;
    if (key == "dental_fktp") return p.dental_fktp;
    return p.autodebit_provider;
  }

  bool text(const std::string& key, const json& value, std::string& into) {
    if (value.is_null()) {
      into.clear();
      return true;
    }
    if (value.is_string()) {
      into = value.get<std::string>();
      return true;
    }
    r_.findings.push_back(error_finding(key, "input.not_text", key + " harus berupa teks (dalam tanda kutip).",
                                        key + " must be text (in quotes)."));
    return false;
  }

  template <class Parse>
  void enumerated(const std::string& key, const json& value, Parse parse, const char* en, const char* id) {
    std::string s;
    if (!text(key, value, s)) return;
    if (!parse(s)) r_.findings.push_back(bad_value(key, s, std::string("one of ") + en, std::string("salah satu dari ") + id));
  }

  bool read_class(const json& value) {
    int c = 0;
    if (value.is_number_integer()) {
      c = value.get<int>();
    } else if (value.is_string() && value.get<std::string>().size() == 1) {
      c = value.get<std::string>()[0] - '0';
    } else {
      r_.findings.push_back(bad_value("class", value.dump(), "1, 2 or 3", "1, 2 atau 3"));
      return true;
    }
    r_.participant.care_class = c;  // the range is checked by rules::check_care_class
    return true;
  }

  void read_address(const json& value) {
    if (value.is_null()) return;
    if (!value.is_object()) {
      r_.findings.push_back(error_finding("address", "input.not_object",
                                          "address harus berupa objek {street, rt, rw, village_code, postal_code}.",
                                          "address must be an object {street, rt, rw, village_code, postal_code}."));
      return;
    }
    for (const auto& [key, v] : value.items()) {
      if (in(key, kAddressFields)) {
        text(key, v, address_field(key));
      } else {
        r_.findings.push_back(error_finding("address." + key, "input.unknown_field",
                                            "Kolom alamat '" + key + "' tidak dikenal.",
                                            "Unknown address field '" + key + "'."));
      }
    }
  }

  // Canonical forms where the value is valid; invalid values stay as typed for the rules to report.
  static void normalise(Participant& p) {
    p.name = trim(p.name);
    p.nik = trim(p.nik);
    if (!p.phone.empty()) {
      if (auto phone = rules::normalize_phone(p.phone); phone.ok()) p.phone = *phone;
    }
    if (!p.email.empty()) {
      if (auto email = rules::normalize_email(p.email); email.ok()) p.email = *email;
    }
    for (auto* part : {&p.address.rt, &p.address.rw}) {
      if (part->empty()) continue;
      if (auto n = rules::normalize_rt_rw(*part, part == &p.address.rt ? "rt" : "rw"); n.ok()) *part = *n;
    }
  }

  RegistrationInput& r_;
};

// ---- update: field=value -> row changes ----

json text_or_null(const std::string& s) { return s.empty() ? json() : json(s); }

class EditPlanner {
 public:
  EditPlanner(const Participant& current, const CheckEnv& env, const EditOptions& options)
      : current_(current), after_(current), env_(env), options_(options) {}

  Status set(const std::string& raw, const std::string& raw_value) {
    std::string field = raw.rfind("address.", 0) == 0 ? raw.substr(8) : raw;
    if (field == "care_class") field = "class";
    if (!touched_.insert(field).second) return usage_error("--set " + field + " given more than once");
    const storage::ColumnDef* col = participant_def().column(field);
    if (col == nullptr) return usage_error("unknown field '" + raw + "'; fields that can be set: " + editable_fields());
    if (col->server_owned) {
      add(server_owned(field, false));
    } else if (in(field, kAutomaticFields)) {
      add(automatic(field, false));
    } else {
      apply(field, trim(raw_value));
    }
    return {};
  }

  Edit finish() {
    cross_checks();
    return std::move(edit_);
  }

 private:
  void add(Finding f) { edit_.findings.push_back(std::move(f)); }
  void add(Findings fs) { rules::append(edit_.findings, std::move(fs)); }
  void change(const std::string& field, json value) { edit_.changes[field] = std::move(value); }
  bool touched(const char* field) const { return touched_.count(field) != 0; }

  void apply(const std::string& field, const std::string& v) {
    Participant& p = after_;
    if (field == "name") {
      add(rules::check_name(v));
      p.name = v;
      change(field, v);
    } else if (field == "nik") {
      p.nik = v;
      change(field, v);
    } else if (field == "birth_date") {
      const auto d = Date::parse(v);
      if (!d) return add(bad_value(field, v, "a date YYYY-MM-DD", "tanggal TTTT-BB-HH"));
      add(rules::check_birth_date(*d, env_.today));
      p.birth_date = *d;
      change(field, d->iso());
    } else if (field == "sex") {
      const auto s = parse_sex(upper(v));
      if (!s) return add(bad_value(field, v, "L or P", "L atau P"));
      p.sex = *s;
      change(field, sex_code(*s));
    } else if (field == "kk_number") {
      add(rules::check_kk_number(v, env_.regions, env_.today));
      p.kk_number = v;
      change(field, v);
    } else if (field == "relation") {
      const auto r = parse_relation(v);
      if (!r) return add(bad_value(field, v, "head, spouse, child or other", "head, spouse, child atau other"));
      p.relation = *r;
      change(field, relation_code(*r));
    } else if (field == "street") {
      p.address.street = v;
      change(field, text_or_null(v));
    } else if (field == "rt" || field == "rw") {
      if (v.empty()) return change(field, json());
      auto n = rules::normalize_rt_rw(v, field);
      if (!n.ok()) return add(rules::check_rt_rw(v, field));
      change(field, *n);
    } else if (field == "village_code") {
      add(rules::check_village_code(v, env_.regions));
      p.address.village_code = v;
      change(field, v);
    } else if (field == "postal_code") {
      const bool ok = v.empty() || (v.size() == 5 && v.find_first_not_of("0123456789") == std::string::npos);
      if (!ok) return add(bad_value(field, v, "5 digits", "5 angka"));
      change(field, text_or_null(v));
    } else if (field == "phone") {
      if (v.empty()) return change(field, json());
      auto n = rules::normalize_phone(v);
      if (!n.ok()) return add(rules::check_phone(v));
      p.phone = *n;
      change(field, *n);
    } else if (field == "email") {
      if (v.empty()) return change(field, json());
      auto n = rules::normalize_email(v);
      if (!n.ok()) return add(rules::check_email(v));
      p.email = *n;
      change(field, *n);
    } else if (field == "segment") {
      const auto s = parse_segment(upper(v));
      if (!s) return add(bad_value(field, v, "PBI-APBN, PBI-APBD, PPU, PBPU or BP", "PBI-APBN, PBI-APBD, PPU, PBPU atau BP"));
      p.segment = *s;
      change(field, segment_code(*s));
    } else if (field == "class") {
      if (v.size() != 1 || v[0] < '0' || v[0] > '9') return add(rules::check_care_class(0));
      p.care_class = v[0] - '0';
      add(rules::check_care_class(p.care_class));
      change(field, p.care_class);
    } else if (field == "fktp") {
      p.fktp = v;
      change(field, v);
    } else if (field == "dental_fktp") {
      p.dental_fktp = v;
      change(field, text_or_null(v));
    } else if (field == "autodebit") {
      const auto a = parse_autodebit(v);
      if (!a) return add(bad_value(field, v, "none, bank or non_bank", "none, bank atau non_bank"));
      p.autodebit = *a;
      change(field, autodebit_code(*a));
    } else if (field == "autodebit_provider") {
      p.autodebit_provider = v;
      change(field, text_or_null(v));
    }
  }

  void cross_checks() {
    const Participant& before = current_;
    Participant& p = after_;
    if (touched("nik") && p.nik != before.nik) {
      // On a desk, a NIK changes only when a newborn's temporary NIK is replaced by Dukcapil's.
      Participant as_entered = before;
      as_entered.sex = p.sex;
      as_entered.birth_date = p.birth_date;
      add(rules::check_newborn_nik_update(as_entered, p.nik, env_.regions, env_.today));
    } else if ((touched("sex") && p.sex != before.sex) || (touched("birth_date") && p.birth_date != before.birth_date)) {
      add(rules::check_nik(p.nik, p.sex, p.birth_date, env_.regions, env_.today));
    }
    if (touched("fktp") && p.fktp != before.fktp) {
      add(rules::check_fktp_change(before, p.fktp, env_.today));
      add(check_fktp_facility(p.fktp, env_));
      change("fktp_changed_on", env_.today.iso());  // starts the next 3-month wait
      const Facility* fktp = find_facility(env_, p.fktp);
      if (!touched("dental_fktp") && !p.dental_fktp.empty() && (fktp == nullptr || fktp->type != FacilityType::dpp)) {
        p.dental_fktp.clear();
        change("dental_fktp", json());
        add(warning_finding("dental_fktp", "dental.cleared",
                            "Faskes gigi dikosongkan karena FKTP baru bukan dokter praktik perorangan (DPP).",
                            "The dental facility was cleared: the new FKTP is not an individual doctor's practice "
                            "(DPP)."));
      }
    }
    if (touched("dental_fktp") && p.dental_fktp != before.dental_fktp) {
      add(check_dental_facility(p.fktp, p.dental_fktp, env_));
    }
    const bool segment_changed = touched("segment") && p.segment != before.segment;
    if (segment_changed) {
      rules::SegmentChange c{p.segment, p.autodebit, p.autodebit_provider, p.care_class, options_.consent};
      add(rules::check_segment_change(before, c));
    } else {
      if (touched("class") && is_pbi(p.segment) && p.care_class != 3 && p.care_class != before.care_class) {
        add(error_finding("class", "class.pbi_fixed", "Peserta PBI selalu di kelas rawat 3.",
                          "PBI participants are always in care class 3."));
      }
      if (touched("autodebit") || touched("autodebit_provider")) {
        add(rules::check_autodebit(p.autodebit, p.autodebit_provider, false));
      }
    }
  }

  const Participant& current_;
  Participant after_;
  const CheckEnv& env_;
  const EditOptions& options_;
  std::set<std::string> touched_;
  Edit edit_;
};

}  // namespace

RegistrationInput read_registration(const json& input) {
  RegistrationInput r;
  if (!input.is_object()) {
    r.findings.push_back(error_finding("input", "input.not_object", "Data masukan harus berupa objek JSON peserta.",
                                       "The input must be a JSON object describing one participant."));
    return r;
  }
  JsonReader(r).read(input);
  return r;
}

Findings check_registration(const Participant& p, const CheckEnv& env) {
  Findings out = rules::validate_participant(p, env.regions, env.today);
  rules::append(out, check_fktp_facility(p.fktp, env));
  rules::append(out, check_dental_facility(p.fktp, p.dental_fktp, env));
  return out;
}

Result<Edit> plan_edit(const Participant& current, const std::vector<std::pair<std::string, std::string>>& sets,
                       const CheckEnv& env, const EditOptions& options) {
  EditPlanner planner(current, env, options);
  for (const auto& [field, value] : sets) SIMPUL_TRY(planner.set(field, value));
  return planner.finish();
}

std::string editable_fields() {
  std::string out;
  for (const auto& c : participant_def().columns) {
    if (c.server_owned || in(c.name, kAutomaticFields)) continue;
    out += (out.empty() ? "" : ", ") + c.name;
  }
  return out;
}

}  // namespace simpul::ctl
