#pragma once
// Domain types. Plain values; rules live in rules/, persistence in storage/, wire format in sync/.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/date.hpp"

namespace simpul {

enum class Sex { male, female };  // JKN codes: L (laki-laki), P (perempuan)
const char* sex_code(Sex s);      // "L" / "P"
std::optional<Sex> parse_sex(const std::string& code);

enum class Segment { pbi_apbn, pbi_apbd, ppu, pbpu, bp };
const char* segment_code(Segment s);  // "PBI-APBN", "PBI-APBD", "PPU", "PBPU", "BP"
std::optional<Segment> parse_segment(const std::string& code);
inline bool is_pbi(Segment s) { return s == Segment::pbi_apbn || s == Segment::pbi_apbd; }

enum class FamilyRelation { head, spouse, child, other };
const char* relation_code(FamilyRelation r);  // "head", "spouse", "child", "other"
std::optional<FamilyRelation> parse_relation(const std::string& code);

enum class MemberStatus { active, inactive };
// Registration of a new participant is checked by the central server against the civil registry.
enum class Verification { verified, pending, rejected };
const char* verification_code(Verification v);  // "verified", "pending", "rejected"
std::optional<Verification> parse_verification(const std::string& code);

enum class Autodebit { none, bank, non_bank };
const char* autodebit_code(Autodebit a);  // "none", "bank", "non_bank"
std::optional<Autodebit> parse_autodebit(const std::string& code);

struct Address {
  std::string street;        // free text: jalan, dusun, house number
  std::string rt;            // 3 digits, e.g. "002"
  std::string rw;            // 3 digits
  std::string village_code;  // Kemendagri 10-digit code, e.g. "3204102001"
  std::string postal_code;
};

struct KkRecord {  // a family card number held during a period (history, never a key)
  std::string kk_number;
  Date from;
  std::optional<Date> until;
};

struct Participant {
  std::string id;           // UUIDv7, client-generated
  std::string card_number;  // 13 digits, text; empty until the server assigns it
  std::string nik;          // 16 digits
  std::string name;
  Date birth_date;
  Sex sex = Sex::male;
  std::string kk_number;    // current family card number
  FamilyRelation relation = FamilyRelation::other;
  Address address;          // domicile / mailing address
  std::string phone;        // normalised +62…
  std::string email;
  Segment segment = Segment::pbpu;
  int care_class = 3;       // 1..3
  std::string fktp;         // PPK code of the first-level facility
  std::string dental_fktp;  // PPK code; only when fktp is a DPP
  MemberStatus status = MemberStatus::active;
  std::string status_reason;
  std::optional<Date> active_from;
  std::optional<Date> active_until;
  Verification verification = Verification::verified;
  std::string rejection_reason;
  std::string va_number;    // virtual account for premium payment (server-assigned)
  Autodebit autodebit = Autodebit::none;
  std::string autodebit_provider;
  std::optional<Date> fktp_changed_on;  // last FKTP change, for the 3-month rule
};

struct Family {
  std::string kk_number;
  std::vector<Participant> members;
};

enum class FacilityType { puskesmas, klinik, dpp, dpg, hospital, bpjs_office };
const char* facility_type_code(FacilityType t);  // "puskesmas","klinik","dpp","dpg","hospital","bpjs_office"
std::optional<FacilityType> parse_facility_type(const std::string& code);
inline bool is_fktp(FacilityType t) {
  return t == FacilityType::puskesmas || t == FacilityType::klinik || t == FacilityType::dpp ||
         t == FacilityType::dpg;
}

struct Poli {
  std::string code;    // PCare 3-digit code: 001 Umum, 002 Gigi, 003 KIA…
  std::string name;
  std::string prefix;  // queue letter, e.g. "A"
  int open_minute = 8 * 60;    // minutes after midnight, local time
  int close_minute = 14 * 60;
  int daily_quota = 60;
};

struct Facility {
  std::string code;  // PPK code, opaque, e.g. "0114U163"
  FacilityType type = FacilityType::puskesmas;
  std::string name;
  Address address;
  double latitude = 0;
  double longitude = 0;
  std::string phone;
  std::vector<Poli> polis;
  std::vector<std::string> services;  // e.g. "ugd", "rawat_inap", "persalinan"
};

enum class Role { admin, registration, clinician, viewer };
const char* role_code(Role r);  // "admin","registration","clinician","viewer"
std::optional<Role> parse_role(const std::string& code);

struct User {
  std::string id;
  std::string username;
  std::string display_name;
  Role role = Role::viewer;
  std::string password_hash;  // argon2id (libsodium crypto_pwhash_str)
  bool active = true;
  bool demo = false;          // a demo account: the app shows a warning banner
};

}  // namespace simpul
