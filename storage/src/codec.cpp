#include "simpul/storage/codec.hpp"

namespace simpul::storage {
namespace {

std::string str(const Fields& row, const char* key) {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::optional<Date> date_of(const Fields& row, const char* key) {
  const std::string s = str(row, key);
  if (s.empty()) return std::nullopt;
  return Date::parse(s);
}

nlohmann::json opt_date(const std::optional<Date>& d) { return d ? nlohmann::json(d->iso()) : nlohmann::json(); }
nlohmann::json opt_text(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

Error bad(const std::string& what, const Fields& row) {
  return make_error(ErrorKind::corrupt, "row.bad_value", "stored " + what + " is not valid in record " + str(row, "id"));
}

}  // namespace

Fields to_fields(const Participant& p) {
  return Fields{{"card_number", opt_text(p.card_number)},
                {"nik", p.nik},
                {"name", p.name},
                {"birth_date", p.birth_date.iso()},
                {"sex", sex_code(p.sex)},
                {"kk_number", opt_text(p.kk_number)},
                {"relation", relation_code(p.relation)},
                {"street", opt_text(p.address.street)},
                {"rt", opt_text(p.address.rt)},
                {"rw", opt_text(p.address.rw)},
                {"village_code", opt_text(p.address.village_code)},
                {"postal_code", opt_text(p.address.postal_code)},
                {"phone", opt_text(p.phone)},
                {"email", opt_text(p.email)},
                {"segment", segment_code(p.segment)},
                {"class", p.care_class},
                {"fktp", opt_text(p.fktp)},
                {"dental_fktp", opt_text(p.dental_fktp)},
                {"status", p.status == MemberStatus::active ? "active" : "inactive"},
                {"status_reason", opt_text(p.status_reason)},
                {"active_from", opt_date(p.active_from)},
                {"active_until", opt_date(p.active_until)},
                {"verification", verification_code(p.verification)},
                {"rejection_reason", opt_text(p.rejection_reason)},
                {"va_number", opt_text(p.va_number)},
                {"autodebit", autodebit_code(p.autodebit)},
                {"autodebit_provider", opt_text(p.autodebit_provider)},
                {"fktp_changed_on", opt_date(p.fktp_changed_on)}};
}

Result<Participant> participant_from(const Fields& row) {
  Participant p;
  p.id = str(row, "id");
  p.card_number = str(row, "card_number");
  p.nik = str(row, "nik");
  p.name = str(row, "name");
  auto birth = date_of(row, "birth_date");
  if (!birth) return bad("birth date", row);
  p.birth_date = *birth;
  auto sex = parse_sex(str(row, "sex"));
  if (!sex) return bad("sex", row);
  p.sex = *sex;
  p.kk_number = str(row, "kk_number");
  p.relation = parse_relation(str(row, "relation")).value_or(FamilyRelation::other);
  p.address = Address{str(row, "street"), str(row, "rt"), str(row, "rw"), str(row, "village_code"),
                      str(row, "postal_code")};
  p.phone = str(row, "phone");
  p.email = str(row, "email");
  auto segment = parse_segment(str(row, "segment"));
  if (!segment) return bad("segment", row);
  p.segment = *segment;
  auto cls = row.find("class");
  p.care_class = (cls != row.end() && cls->is_number()) ? cls->get<int>() : 3;
  p.fktp = str(row, "fktp");
  p.dental_fktp = str(row, "dental_fktp");
  p.status = str(row, "status") == "inactive" ? MemberStatus::inactive : MemberStatus::active;
  p.status_reason = str(row, "status_reason");
  p.active_from = date_of(row, "active_from");
  p.active_until = date_of(row, "active_until");
  p.verification = parse_verification(str(row, "verification")).value_or(Verification::pending);
  p.rejection_reason = str(row, "rejection_reason");
  p.va_number = str(row, "va_number");
  p.autodebit = parse_autodebit(str(row, "autodebit")).value_or(Autodebit::none);
  p.autodebit_provider = str(row, "autodebit_provider");
  p.fktp_changed_on = date_of(row, "fktp_changed_on");
  return p;
}

Fields to_fields(const Facility& f) {
  nlohmann::json polis = nlohmann::json::array();
  for (const auto& p : f.polis) {
    polis.push_back({{"code", p.code},
                     {"name", p.name},
                     {"prefix", p.prefix},
                     {"open", p.open_minute},
                     {"close", p.close_minute},
                     {"quota", p.daily_quota}});
  }
  return Fields{{"type", facility_type_code(f.type)},
                {"name", f.name},
                {"street", opt_text(f.address.street)},
                {"village_code", opt_text(f.address.village_code)},
                {"latitude", f.latitude},
                {"longitude", f.longitude},
                {"phone", opt_text(f.phone)},
                {"polis", polis.dump()},
                {"services", nlohmann::json(f.services).dump()}};
}

Result<Facility> facility_from(const Fields& row) {
  Facility f;
  f.code = str(row, "id");
  auto type = parse_facility_type(str(row, "type"));
  if (!type) return bad("facility type", row);
  f.type = *type;
  f.name = str(row, "name");
  f.address.street = str(row, "street");
  f.address.village_code = str(row, "village_code");
  f.latitude = row.value("latitude", 0.0);
  f.longitude = row.value("longitude", 0.0);
  f.phone = str(row, "phone");
  auto polis = nlohmann::json::parse(str(row, "polis"), nullptr, false);
  if (polis.is_array()) {
    for (const auto& p : polis) {
      f.polis.push_back(Poli{p.value("code", ""), p.value("name", ""), p.value("prefix", ""),
                             p.value("open", 8 * 60), p.value("close", 14 * 60), p.value("quota", 60)});
    }
  }
  auto services = nlohmann::json::parse(str(row, "services"), nullptr, false);
  if (services.is_array()) {
    for (const auto& s : services) {
      if (s.is_string()) f.services.push_back(s.get<std::string>());
    }
  }
  return f;
}

Fields to_fields(const User& u) {
  return Fields{{"username", u.username}, {"display_name", u.display_name}, {"role", role_code(u.role)},
                {"password_hash", u.password_hash}, {"active", u.active ? 1 : 0}, {"demo", u.demo ? 1 : 0}};
}

Result<User> user_from(const Fields& row) {
  User u;
  u.id = str(row, "id");
  u.username = str(row, "username");
  u.display_name = str(row, "display_name");
  auto role = parse_role(str(row, "role"));
  if (!role) return bad("role", row);
  u.role = *role;
  u.password_hash = str(row, "password_hash");
  u.active = row.value("active", 1) != 0;
  u.demo = row.value("demo", 0) != 0;
  return u;
}

nlohmann::json to_json(const Participant& p) {
  return {{"id", p.id},
          {"nik", p.nik},
          {"card_number", p.card_number},
          {"name", p.name},
          {"birth_date", p.birth_date.iso()},
          {"sex", sex_code(p.sex)},
          {"kk_number", p.kk_number},
          {"relation", relation_code(p.relation)},
          {"address", {{"street", p.address.street}, {"rt", p.address.rt}, {"rw", p.address.rw},
                       {"village_code", p.address.village_code}, {"postal_code", p.address.postal_code}}},
          {"phone", p.phone},
          {"email", p.email},
          {"segment", segment_code(p.segment)},
          {"class", p.care_class},
          {"fktp", p.fktp},
          {"dental_fktp", p.dental_fktp},
          {"status", p.status == MemberStatus::active ? "active" : "inactive"},
          {"status_reason", p.status_reason},
          {"active_from", opt_date(p.active_from)},
          {"active_until", opt_date(p.active_until)},
          {"verification", verification_code(p.verification)},
          {"rejection_reason", p.rejection_reason},
          {"va_number", p.va_number},
          {"autodebit", autodebit_code(p.autodebit)},
          {"autodebit_provider", p.autodebit_provider},
          {"fktp_changed_on", opt_date(p.fktp_changed_on)}};
}

nlohmann::json to_json(const Facility& f) {
  nlohmann::json j = to_fields(f);
  j["code"] = f.code;
  j["polis"] = nlohmann::json::parse(j["polis"].get<std::string>());
  j["services"] = nlohmann::json::parse(j["services"].get<std::string>());
  return j;
}

}  // namespace simpul::storage
