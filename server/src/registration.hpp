#pragma once
// Business processing of a registration (docs/SYNC_PROTOCOL.md "Business processing"): a participant
// created on a desk is checked against the civil registry (the synthetic Dukcapil). A match is
// verified and gets a JKN card number and, for PBPU (self-paying) members, a virtual account number
// for premium payments; anything else is rejected with a reason that tells the desk what to do.
#include <string>

#include "write_context.hpp"

namespace simpul::server {

// Names compare case-, space- and punctuation-insensitively ("Siti  Rahma" == "SITI RAHMA").
std::string normalise_name(const std::string& name);

// Card numbers: 13 digits as text, leading zeros kept. The server issues them from a counter starting
// at 0002000000000 (the demo data uses 0001xxxxxxxxx).
inline constexpr std::int64_t kFirstServerCard = 2'000'000'000;
std::string format_card_number(std::int64_t n);
// Virtual account for premium payment: "88888" + the card number without its first two digits.
std::string format_va_number(const std::string& card_number);

// Sets the participant's server-owned registration fields (verification, rejection_reason,
// card_number, va_number, status, status_reason, active_from) with server field clocks.
Status verify_registration(WriteContext& ctx, StoredRow& participant);

}  // namespace simpul::server
