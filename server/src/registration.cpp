#include "registration.hpp"

#include <cctype>
#include <cstdio>

#include "simpul/core/date.hpp"

namespace simpul::server {
namespace {

std::string text_of(const StoredRow& row, const char* name) {
  auto it = row.fields.find(name);
  return (it != row.fields.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

void set_server_field(WriteContext& ctx, StoredRow& row, const char* name, nlohmann::json value) {
  row.fields[name] = std::move(value);
  row.clocks[name] = ctx.server_clock();
}

}  // namespace

std::string normalise_name(const std::string& name) {
  std::string out;
  bool space = false;
  for (const char raw : name) {
    const auto c = static_cast<unsigned char>(raw);
    if (std::isalnum(c) != 0 || c >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(std::toupper(c));
    } else {
      space = true;
    }
  }
  return out;
}

std::string format_card_number(std::int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%013lld", static_cast<long long>(n));
  return buf;
}

std::string format_va_number(const std::string& card_number) {
  return "88888" + (card_number.size() > 2 ? card_number.substr(2) : card_number);
}

Status verify_registration(WriteContext& ctx, StoredRow& p) {
  const std::string nik = text_of(p, "nik");
  auto person = ctx.tx().civil_person(nik);
  if (!person.ok()) return person.error();
  std::string reason;
  if (!person->has_value()) {
    reason =
        "nik.not_found: NIK tidak ditemukan di Dukcapil / NIK not found in the civil registry: check the NIK on the "
        "KTP or KK; if it is right, the person must first register at the Dukcapil office";
  } else if (normalise_name(text_of(p, "name")) != normalise_name((*person)->name)) {
    reason =
        "name.mismatch: Nama tidak sesuai dengan data Dukcapil / The name does not match the civil registry: copy it "
        "exactly from the KTP; if the KTP is wrong, it must be corrected at Dukcapil first";
  } else if (text_of(p, "birth_date") != (*person)->birth_date) {
    reason =
        "birth_date.mismatch: Tanggal lahir tidak sesuai dengan data Dukcapil / The birth date does not match the "
        "civil registry: check it against the KTP; if the KTP is wrong, it must be corrected at Dukcapil first";
  }
  if (!reason.empty()) {
    set_server_field(ctx, p, "verification", "rejected");
    set_server_field(ctx, p, "rejection_reason", reason);
    set_server_field(ctx, p, "status", "inactive");
    set_server_field(ctx, p, "status_reason", "registration rejected");
    return {};
  }
  set_server_field(ctx, p, "verification", "verified");
  set_server_field(ctx, p, "rejection_reason", nullptr);
  set_server_field(ctx, p, "status", "active");
  set_server_field(ctx, p, "status_reason", nullptr);
  set_server_field(ctx, p, "active_from", Date::from_epoch_ms(ctx.now_ms()).iso());
  if (text_of(p, "card_number").empty()) {
    auto n = ctx.tx().next_counter("card_number", kFirstServerCard);
    if (!n.ok()) return n.error();
    set_server_field(ctx, p, "card_number", format_card_number(*n));
  }
  if (text_of(p, "segment") == "PBPU" && text_of(p, "va_number").empty()) {
    set_server_field(ctx, p, "va_number", format_va_number(text_of(p, "card_number")));
  }
  CivilPerson registered = **person;
  registered.in_jkn = true;
  return ctx.tx().put_civil_person(registered);
}

}  // namespace simpul::server
