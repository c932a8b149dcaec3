#pragma once
// Invented Indonesian (mostly Sundanese) names, streets and facility names for the demo generator.
#include <string>
#include <string_view>

#include "rng.hpp"
#include "simpul/core/model.hpp"

namespace simpul::demo::detail {

// A person's name: one to three words, in the style of the birth year (older generations carry
// traditional Sundanese names, younger ones more Arabic and modern names). `family_word`, when not
// empty, is sometimes used as the last word (children named after their father).
std::string person_name(Rng& rng, Sex sex, int birth_year, std::string_view family_word);
std::string_view last_word(std::string_view name);

// "Kp. Cibodas", "Jl. Melati No. 12", "Perum Griya Asri Blok C2 No. 7".
std::string home_street(Rng& rng);
// A facility's street on a main road of its district: "Jl. Raya Soreang No. 45".
std::string main_road(Rng& rng, std::string_view district_name);

// "siti.rahmawati27@example.com": reserved example.* domains only.
std::string email_for(Rng& rng, std::string_view name);

std::string klinik_name(Rng& rng);               // "Klinik Pratama Bhakti Husada"
std::string hospital_name(Rng& rng, std::string_view district_name);  // "RS Umum Kasih Medika Banjaran"

}  // namespace simpul::demo::detail
