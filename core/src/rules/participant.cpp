#include "simpul/core/rules/participant.hpp"

#include <algorithm>
#include <utility>

#include "simpul/core/rules/address.hpp"
#include "simpul/core/rules/contact.hpp"
#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/identity.hpp"
#include "simpul/core/rules/membership.hpp"
#include "text.hpp"

namespace simpul::rules {
namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool name_char_ok(char c) {
  return is_letter(c) || c == ' ' || c == '\'' || c == '.' || c == ',' || c == '-';
}

Finding name_error(std::string code, std::string id, std::string en) {
  return error_finding("name", std::move(code), std::move(id), std::move(en));
}

}  // namespace

Findings check_name(std::string_view raw) {
  Findings out;
  const std::string_view name = detail::trim(raw);
  if (name.empty()) {
    out.push_back(
        name_error("name.required", "Nama wajib diisi sesuai KTP.", "The name is required, as on the KTP."));
    return out;
  }
  if (name.size() > kNameMaxLength) {
    const auto typed = std::to_string(name.size());
    out.push_back(name_error("name.too_long",
                             "Nama terlalu panjang (" + typed + " karakter); maksimal 100 karakter.",
                             "The name is too long (" + typed + " characters); at most 100 are allowed."));
  }
  if (const auto bad = std::find_if_not(name.begin(), name.end(), name_char_ok); bad != name.end()) {
    const auto position = std::to_string(bad - name.begin() + 1);
    out.push_back(
        name_error("name.invalid_characters",
                   "Nama hanya boleh berisi huruf, spasi, dan tanda ' . , - (ada karakter lain di posisi " +
                       position + "). Mohon tulis nama sesuai KTP.",
                   "A name may contain only letters, spaces and ' . , - (there is another character at "
                   "position " +
                       position + "). Please write the name as on the KTP."));
  } else if (std::none_of(name.begin(), name.end(), is_letter)) {
    out.push_back(name_error("name.no_letters", "Nama harus berisi huruf. Mohon tulis nama sesuai KTP.",
                             "A name must contain letters. Please write the name as on the KTP."));
  }
  return out;
}

Findings validate_participant(const Participant& p, const RegionTable* regions, const Date& today) {
  Findings out;
  if (!p.card_number.empty()) append(out, check_card_number(p.card_number));
  append(out, check_nik(p.nik, p.sex, p.birth_date, regions, today));  // also checks the birth date itself
  append(out, check_name(p.name));
  append(out, check_kk_number(p.kk_number, regions, today));
  if (!p.address.rt.empty()) append(out, check_rt_rw(p.address.rt, "rt"));
  if (!p.address.rw.empty()) append(out, check_rt_rw(p.address.rw, "rw"));
  append(out, check_village_code(p.address.village_code, regions));
  if (!p.phone.empty()) append(out, check_phone(p.phone));
  if (!p.email.empty()) append(out, check_email(p.email));
  append(out, check_care_class(p.care_class));
  append(out, check_ppk_code(p.fktp, "fktp"));
  if (!p.dental_fktp.empty()) append(out, check_ppk_code(p.dental_fktp, "dental_fktp"));
  append(out, check_autodebit(p.autodebit, p.autodebit_provider, false));
  return out;
}

}  // namespace simpul::rules
