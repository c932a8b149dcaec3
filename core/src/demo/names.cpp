#include "names.hpp"

#include <cctype>

namespace simpul::demo::detail {
namespace {

// Given names common in West Java across generations. Combined at random they name nobody in particular.
constexpr const char* kMaleOld[] = {
    "Asep",    "Ujang",   "Dadang",  "Cecep",   "Yayat",   "Dede",    "Agus",    "Budi",    "Rudi",
    "Hendra",  "Wawan",   "Iwan",    "Dodi",    "Jajang",  "Engkus",  "Endang",  "Tatang",  "Usep",
    "Acep",    "Aep",     "Deden",   "Ade",     "Opik",    "Dedi",    "Nana",    "Maman",   "Eman",
    "Oman",    "Rahmat",  "Yusuf",   "Komar",   "Enjang",  "Dindin",  "Yana",    "Iyan",    "Ayi",
    "Kusnadi", "Mulyadi", "Suryadi", "Saepudin", "Ruhiyat", "Sobari", "Ahmad",   "Entis",   "Undang"};
constexpr const char* kMaleOldSecond[] = {
    "Suryana",  "Hidayat",  "Permana",  "Setiawan", "Kurniawan", "Sopandi",  "Rukmana",  "Sunarya",
    "Gunawan",  "Saputra",  "Nugraha",  "Firmansyah", "Ruhendi", "Mulyana",  "Sudrajat", "Somantri",
    "Wijaya",   "Kusuma",   "Hermawan", "Sutrisna", "Supriadi",  "Ramdani",  "Sulaeman", "Solihin",
    "Gumelar",  "Rahman",   "Maulana",  "Hakim",    "Suparman",  "Sumarna"};
constexpr const char* kFemaleOld[] = {
    "Euis",  "Neneng", "Iis",   "Entin", "Tati",  "Yanti",  "Cucu",   "Imas",  "Nining", "Elis",  "Titin",
    "Yati",  "Dedeh",  "Aam",   "Popon", "Nani",  "Ai",     "Enok",   "Eti",   "Cicih",  "Lilis", "Rina",
    "Siti",  "Sri",    "Dewi",  "Wati",  "Yuyun", "Iceu",   "Ela",    "Lina",  "Rini",   "Heni",  "Neni",
    "Ani",   "Ati",    "Tuti",  "Eni",   "Rosita", "Nurhayati", "Kokom", "Oneng"};
constexpr const char* kFemaleOldSecond[] = {
    "Rohaeti",  "Komalasari", "Kartika",   "Rahmawati", "Suryani",   "Nurhasanah", "Sumiati", "Hartini",
    "Mulyani",  "Herawati",   "Lestari",   "Kurniasih", "Susilawati", "Fitriani",  "Permatasari", "Handayani",
    "Wulandari", "Rosmiati",  "Sulastri",  "Marlina",   "Juwita",    "Maryati",    "Nuraeni", "Karlina",
    "Yulianti", "Solihat"};
constexpr const char* kMaleNew[] = {
    "Muhammad", "Ahmad", "Rizky", "Aditya", "Fajar",  "Rafi",   "Dimas", "Ilham",  "Raka",   "Farhan",
    "Naufal",   "Galih", "Bagas", "Daffa",  "Arya",   "Fikri",  "Zaki",  "Alif",   "Reza",   "Yoga",
    "Hafiz",    "Rangga", "Akbar", "Fauzan", "Haikal", "Kenzie", "Arkan", "Rayyan", "Gilang", "Satria"};
constexpr const char* kMaleNewSecond[] = {
    "Ramadhan", "Pratama", "Saputra",   "Maulana", "Alfarizi", "Nugraha",  "Firdaus", "Hidayatullah",
    "Kurniawan", "Permana", "Syahputra", "Ardiansyah", "Fadillah", "Setiawan", "Rahman", "Putra",
    "Aditama",  "Wiguna"};
constexpr const char* kFemaleNew[] = {
    "Aulia",  "Putri", "Nabila", "Zahra",  "Salsabila", "Aisyah", "Nayla",  "Keisha", "Alya",  "Syifa",
    "Anisa",  "Rahma", "Dinda",  "Intan",  "Citra",     "Tiara",  "Naura",  "Kirana", "Amelia", "Fitri",
    "Indah",  "Silvi", "Rani",   "Nisa",   "Shafa",     "Hana",   "Zaskia", "Adinda", "Raisa", "Talita"};
constexpr const char* kFemaleNewSecond[] = {
    "Putri",   "Rahmawati", "Azzahra",  "Nuraini",   "Ramadhani", "Lestari", "Maharani",   "Safitri",
    "Anggraeni", "Nurfadilah", "Amalia", "Kusumawati", "Wulandari", "Permatasari", "Khairunnisa", "Oktaviani",
    "Septiani", "Febriani"};

// Syllables for names like "Suyanto" or "Marningsih", for variety beyond the lists.
constexpr const char* kSyllableHead[] = {"Su", "Sar", "Har", "Mar", "Ad", "Da", "Ru", "Ka", "Ya", "Wa",
                                         "Ju", "Ha", "Ma", "Sa", "Ta", "Ri", "Ku", "Pa", "Sum", "Tar"};
constexpr const char* kSyllableMale[] = {"yanto", "diman", "dianto", "pendi", "nadi", "sono", "hendi",
                                         "mansyah", "wan", "jaya", "dana", "mat", "din", "yadi", "ndi"};
constexpr const char* kSyllableFemale[] = {"yati", "wati", "nengsih", "sih", "tini", "yani", "mini",
                                           "nah", "ni", "ningsih", "lia", "tika", "rni", "rsih"};

constexpr const char* kKampung[] = {
    "Cibodas",  "Cikoneng", "Cipeer",     "Cijagra",   "Cikalong",  "Cibeureum", "Cisaat",     "Cikuya",
    "Cigentur", "Ciherang", "Cikadu",     "Cilame",    "Babakan",   "Sukamaju",  "Sukasari",   "Sindangsari",
    "Pasirhuni", "Mekarsari", "Margamulya", "Sukamulya", "Neglasari", "Bojong",   "Sawah Lega", "Legok",
    "Leuwi Gajah", "Pasir Muncang", "Kaum", "Rancamanyar", "Cileuweung", "Tanjungsari"};
constexpr const char* kStreets[] = {"Melati",   "Mawar",    "Kenanga",  "Anggrek",   "Flamboyan", "Cempaka",
                                    "Pahlawan", "Merdeka",  "Siliwangi", "Pajajaran", "Sukamulya", "Mekar Wangi",
                                    "Bojong Asih", "Cemara", "Kihapit",  "Sukajadi",  "Pasantren", "Babakan Sari"};
constexpr const char* kHousing[] = {"Griya Asri",   "Bumi Sariwangi", "Permata Hijau", "Taman Cibodas",
                                   "Bumi Harapan",  "Griya Mekar",    "Puri Indah",    "Bumi Rancaekek Kencana",
                                   "Taman Kopo Asri", "Griya Sukamenak"};
constexpr const char* kEmailDomains[] = {"example.com", "example.net", "example.org"};

constexpr const char* kKlinik[] = {"Medika Sehat",  "Al-Ikhlas",      "Bhakti Husada", "Kasih Bunda",
                                   "Sehat Sentosa", "Permata Medika", "Rahayu Medika", "Annisa",
                                   "Amanah Husada", "Keluarga Sejahtera", "Kartika Husada", "Nurul Hikmah",
                                   "Sari Asih Medika", "Pelita Sehat",  "Bina Sehat",   "Griya Medika"};
constexpr const char* kHospital[] = {"Bina Sehat", "Kasih Medika", "Harapan Bunda", "Permata Husada",
                                     "Sentosa",    "Mitra Sehat",  "Al-Hikmah",     "Cahaya Medika"};

std::string syllable_name(Rng& rng, Sex sex) {
  std::string name = rng.pick(kSyllableHead);
  name += sex == Sex::male ? rng.pick(kSyllableMale) : rng.pick(kSyllableFemale);
  return name;
}

}  // namespace

std::string person_name(Rng& rng, Sex sex, int birth_year, std::string_view family_word) {
  const bool modern = birth_year >= 1995 && rng.percent(birth_year >= 2005 ? 90 : 60);
  const bool male = sex == Sex::male;
  std::string name;
  if (!modern && rng.percent(20)) {
    name = syllable_name(rng, sex);
  } else if (modern) {
    name = male ? rng.pick(kMaleNew) : rng.pick(kFemaleNew);
  } else {
    name = male ? rng.pick(kMaleOld) : rng.pick(kFemaleOld);
  }
  const int words = rng.percent(modern ? 80 : 55) ? (rng.percent(modern ? 25 : 10) ? 3 : 2) : 1;
  for (int w = 1; w < words; ++w) {
    const char* next = modern ? (male ? rng.pick(kMaleNewSecond) : rng.pick(kFemaleNewSecond))
                              : (male ? rng.pick(kMaleOldSecond) : rng.pick(kFemaleOldSecond));
    if (name.find(next) != std::string::npos) continue;  // no "Putri Putri"
    name += ' ';
    name += next;
  }
  // Some children carry their father's last name as their own last word.
  if (!family_word.empty() && name.find(family_word) == std::string::npos && rng.percent(20)) {
    name += ' ';
    name += family_word;
  }
  return name;
}

std::string_view last_word(std::string_view name) {
  const auto space = name.rfind(' ');
  return space == std::string_view::npos ? name : name.substr(space + 1);
}

std::string home_street(Rng& rng) {
  const int kind = rng.between(0, 9);
  if (kind < 5) return std::string("Kp. ") + rng.pick(kKampung);
  if (kind < 8) return std::string("Jl. ") + rng.pick(kStreets) + " No. " + std::to_string(rng.between(1, 160));
  std::string s = std::string("Perum ") + rng.pick(kHousing) + " Blok ";
  s += static_cast<char>('A' + rng.between(0, 7));
  s += std::to_string(rng.between(1, 12)) + " No. " + std::to_string(rng.between(1, 40));
  return s;
}

std::string main_road(Rng& rng, std::string_view district_name) {
  return "Jl. Raya " + std::string(district_name) + " No. " + std::to_string(rng.between(1, 250));
}

std::string email_for(Rng& rng, std::string_view name) {
  std::string local;
  for (const char c : name) {
    if (c == ' ') {
      if (!local.empty() && local.back() != '.') local += '.';
    } else if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      local += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!local.empty() && local.back() == '.') local.pop_back();
  if (local.empty()) local = "peserta";
  if (rng.percent(60)) local += std::to_string(rng.between(1, 99));
  return local + "@" + rng.pick(kEmailDomains);
}

std::string klinik_name(Rng& rng) { return std::string("Klinik Pratama ") + rng.pick(kKlinik); }

std::string hospital_name(Rng& rng, std::string_view district_name) {
  return std::string("RS Umum ") + rng.pick(kHospital) + " " + std::string(district_name);
}

}  // namespace simpul::demo::detail
