#include "simpul/core/model.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace simpul {
namespace {

template <class E, std::size_t N>
const char* code_of(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [e, code] : table) {
    if (e == value) return code;
  }
  return "";
}

template <class E, std::size_t N>
std::optional<E> parse_code(const std::array<std::pair<E, const char*>, N>& table, const std::string& code) {
  for (const auto& [e, c] : table) {
    if (code == c) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Sex, const char*>, 2> kSex{{{Sex::male, "L"}, {Sex::female, "P"}}};
constexpr std::array<std::pair<Segment, const char*>, 5> kSegment{{{Segment::pbi_apbn, "PBI-APBN"},
                                                                   {Segment::pbi_apbd, "PBI-APBD"},
                                                                   {Segment::ppu, "PPU"},
                                                                   {Segment::pbpu, "PBPU"},
                                                                   {Segment::bp, "BP"}}};
constexpr std::array<std::pair<FamilyRelation, const char*>, 4> kRelation{{{FamilyRelation::head, "head"},
                                                                           {FamilyRelation::spouse, "spouse"},
                                                                           {FamilyRelation::child, "child"},
                                                                           {FamilyRelation::other, "other"}}};
constexpr std::array<std::pair<Verification, const char*>, 3> kVerification{
    {{Verification::verified, "verified"}, {Verification::pending, "pending"}, {Verification::rejected, "rejected"}}};
constexpr std::array<std::pair<Autodebit, const char*>, 3> kAutodebit{
    {{Autodebit::none, "none"}, {Autodebit::bank, "bank"}, {Autodebit::non_bank, "non_bank"}}};
constexpr std::array<std::pair<FacilityType, const char*>, 6> kFacilityType{{{FacilityType::puskesmas, "puskesmas"},
                                                                            {FacilityType::klinik, "klinik"},
                                                                            {FacilityType::dpp, "dpp"},
                                                                            {FacilityType::dpg, "dpg"},
                                                                            {FacilityType::hospital, "hospital"},
                                                                            {FacilityType::bpjs_office, "bpjs_office"}}};
constexpr std::array<std::pair<Role, const char*>, 4> kRole{{{Role::admin, "admin"},
                                                             {Role::registration, "registration"},
                                                             {Role::clinician, "clinician"},
                                                             {Role::viewer, "viewer"}}};

}  // namespace

const char* sex_code(Sex s) { return code_of(kSex, s); }
std::optional<Sex> parse_sex(const std::string& c) { return parse_code(kSex, c); }
const char* segment_code(Segment s) { return code_of(kSegment, s); }
std::optional<Segment> parse_segment(const std::string& c) { return parse_code(kSegment, c); }
const char* relation_code(FamilyRelation r) { return code_of(kRelation, r); }
std::optional<FamilyRelation> parse_relation(const std::string& c) { return parse_code(kRelation, c); }
const char* verification_code(Verification v) { return code_of(kVerification, v); }
std::optional<Verification> parse_verification(const std::string& c) { return parse_code(kVerification, c); }
const char* autodebit_code(Autodebit a) { return code_of(kAutodebit, a); }
std::optional<Autodebit> parse_autodebit(const std::string& c) { return parse_code(kAutodebit, c); }
const char* facility_type_code(FacilityType t) { return code_of(kFacilityType, t); }
std::optional<FacilityType> parse_facility_type(const std::string& c) { return parse_code(kFacilityType, c); }
const char* role_code(Role r) { return code_of(kRole, r); }
std::optional<Role> parse_role(const std::string& c) { return parse_code(kRole, c); }

}  // namespace simpul
