#pragma once
// Queue numbers read aloud in Bahasa Indonesia, for the waiting-room voice call (espeak-ng -v id). Pure text.
//   indonesian_words(112)                     -> "seratus dua belas"
//   spoken_number("A-112")                    -> "A seratus dua belas"
//   call_announcement("A-112", "Umum")        -> "Nomor antrean A seratus dua belas, silakan ke poli umum"
#include <cstdint>
#include <string>
#include <string_view>

namespace simpul::queue_ui {

// 0 .. 999,999,999,999 in words ("nol", "sebelas", "seratus", "seribu", "dua juta tiga ratus ribu"). Negative
// numbers get "minus"; a queue never needs them, but the function is total.
std::string indonesian_words(std::int64_t n);

// A queue number as a person would call it: the letter, then the digits as one number ("A-112" -> "A seratus dua
// belas"). Digits with a leading zero (an unenrolled device's "A-007") are read one by one ("A nol nol tujuh"), as
// printed. Text that is not "<letters>-<digits>" is returned with its dash turned into a space.
std::string spoken_number(std::string_view number);

// "Nomor antrean A seratus dua belas, silakan ke poli umum". The poli's name is lower-cased unless it is an
// acronym written in capitals ("KIA", "KB"), which espeak-ng then spells.
std::string call_announcement(std::string_view number, std::string_view poli_name);

}  // namespace simpul::queue_ui
