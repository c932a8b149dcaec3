#include "participant_view.hpp"

#include <ostream>

namespace simpul::ctl {
namespace {

std::string cell(const std::string& text, std::size_t width) {
  if (text.size() > width) return text.substr(0, width - 1) + "~";
  return text + std::string(width - text.size(), ' ');
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

void print_participant_table(std::ostream& out, const std::vector<Participant>& people) {
  out << cell("NIK", 17) << cell("CARD", 14) << cell("NAME", 30) << cell("BORN", 11) << cell("SEX", 4)
      << cell("SEGMENT", 9) << cell("CLS", 4) << cell("FKTP", 9) << "STATUS\n";
  for (const auto& p : people) {
    out << cell(p.nik, 17) << cell(or_dash(p.card_number), 14) << cell(p.name, 30) << cell(p.birth_date.iso(), 11)
        << cell(sex_code(p.sex), 4) << cell(segment_code(p.segment), 9) << cell(std::to_string(p.care_class), 4)
        << cell(or_dash(p.fktp), 9) << (p.status == MemberStatus::active ? "active" : "inactive") << '\n';
  }
}

void print_participant_details(std::ostream& out, const Participant& p) {
  auto line = [&out](const char* label, const std::string& value) {
    out << cell(label, 20) << or_dash(value) << '\n';
  };
  line("id", p.id);
  line("name", p.name);
  line("nik", p.nik);
  line("card_number", p.card_number);
  line("birth_date", p.birth_date.iso());
  line("sex", sex_code(p.sex));
  line("kk_number", p.kk_number);
  line("relation", relation_code(p.relation));
  line("address", p.address.street + (p.address.rt.empty() ? "" : ", RT " + p.address.rt) +
                      (p.address.rw.empty() ? "" : "/RW " + p.address.rw));
  line("village_code", p.address.village_code);
  line("postal_code", p.address.postal_code);
  line("phone", p.phone);
  line("email", p.email);
  line("segment", segment_code(p.segment));
  line("class", std::to_string(p.care_class));
  line("fktp", p.fktp);
  line("dental_fktp", p.dental_fktp);
  line("status", std::string(p.status == MemberStatus::active ? "active" : "inactive") +
                     (p.status_reason.empty() ? "" : " (" + p.status_reason + ")"));
  line("verification", verification_code(p.verification));
  line("va_number", p.va_number);
  line("autodebit", std::string(autodebit_code(p.autodebit)) +
                        (p.autodebit_provider.empty() ? "" : " (" + p.autodebit_provider + ")"));
  line("fktp_changed_on", p.fktp_changed_on ? p.fktp_changed_on->iso() : "");
}

}  // namespace simpul::ctl
