#pragma once
// The participant page: membership, family on the same KK, the digital JKN card (save PNG/PDF, print), bills
// with the VA number, the last three months of payments and how to pay per channel, service history with
// diagnoses and a rating entry, the audit trail, and where this record stands with the server.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "widgets/jkn_card_layout.hpp"

namespace simpul::screens::participant {

enum class Tab { summary, bills, services, audit };

struct Membership {
  std::string name;
  std::string nik;
  std::string card_number;
  std::string kk_number;
  std::string birth_date;
  std::string sex_key;        // i18n
  std::string status_key;     // member.active / inactive / pending / rejected
  bool status_ok = true;
  std::string status_reason;  // inactive or refused: why
  std::string segment;
  std::string care_class;     // "3"
  std::string fktp;           // "Puskesmas Soreang (0114U163)"
  std::string dental_fktp;    // "" when none
  std::string active_period;  // "01-01-2020 – 31-12-2026" / "sejak 01-01-2020"
  std::string arrears;        // "Rp84.000 (2 bulan)" or "" when none
  std::string va_number;
  std::string address;
  std::string phone;
  std::string email;
};

struct FamilyRow {
  std::string id;
  std::string name;
  std::string relation_key;  // relation.head ...
  std::string nik;
  std::string card_number;
  bool self = false;         // the participant of this page
};

struct BillRow {
  std::string period;  // "Januari 2026"
  std::string amount;
  std::string due_date;
  std::string status_key;  // bill.paid / bill.unpaid / bill.overdue
  bool overdue = false;
};

struct PaymentRow {
  std::string paid_on;
  std::string amount;
  std::string channel;
  std::string period;
};

struct GuideChannel {
  std::string name;
  std::vector<std::string> steps;  // the VA number already filled in
};

struct VisitRow {
  std::string day;
  std::string place;      // "Puskesmas Soreang — Umum"
  std::string complaint;
  std::string clinician;
  std::vector<std::string> diagnoses;  // "J06.9 Infeksi saluran napas atas akut"
  bool referred = false;
  int stars = 0;          // 0: not rated yet
  std::string comment;
};

struct AuditRow {
  std::string when;
  std::string user;
  std::string action_key;  // audit.view / audit.update ...
  std::string summary;     // changed fields, "a → b"
};

struct View {
  bool loaded = false;
  std::string error_key;  // nothing to show: why
  Membership member;
  widgets::CardData card;
  std::vector<FamilyRow> family;
  std::vector<BillRow> bills;
  std::vector<PaymentRow> payments;
  std::string guide_note;
  std::vector<GuideChannel> guide;
  std::vector<VisitRow> visits;
  std::vector<AuditRow> audit;
  std::string sync_key;     // sync.state.*; "" when the record came from the server unchanged
  std::string sync_reason;  // rejected: the server's reason
  bool can_edit = false;    // Change data / New family member
  bool can_queue = false;   // "Antrekan": the desk queue panel for this participant
  bool can_rate = false;
  bool can_care = false;    // "Kunjungan" / "Skrining": the poli's visit record and screening (record_care)
  bool can_complain = false;  // "Pengaduan": a complaint for this participant
  bool exporting = false;   // a save/print task runs
  std::string export_message;  // where the card went, or why not
  bool export_failed = false;
};

struct Form {
  Tab tab = Tab::summary;
  std::size_t guide_channel = 0;
  std::optional<std::size_t> rating_visit;  // the visit whose rating form is open
  int stars = 0;
  std::string comment;
};

struct RateIntent {
  std::size_t visit = 0;
  int stars = 0;
  std::string comment;
};

enum class CardOutput { png, pdf, print };

struct Intents {
  std::optional<std::string> open_family;  // participant id
  bool change_data = false;
  bool new_family_member = false;
  bool queue = false;  // put this participant in today's queue (queue_desk)
  bool visit = false;      // record a visit (screens/visit)
  bool screening = false;  // the yearly screening (screens/screening)
  bool complaint = false;  // record a complaint for this participant (complaints)
  bool back = false;
  std::optional<CardOutput> card;
  std::optional<RateIntent> rate;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::participant
