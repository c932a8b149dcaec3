#pragma once
// The ICD-10 diagnoses a primary facility (FKTP) handles itself, for the poli's diagnosis picker.
// Loaded from assets/icd10/fktp.tsv (code<TAB>name_id<TAB>name_en; see the README beside it).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul {

struct Diagnosis {
  std::string code;     // WHO ICD-10, dotted: "J06.9", "I10"
  std::string name_id;  // Indonesian
  std::string name_en;  // English
};

class Icd10Catalog {
 public:
  // Reads the TSV file; a missing, malformed or empty file is an error naming the line where it can.
  static Result<Icd10Catalog> load(const std::string& path);

  // Case-insensitive; the dot may be left out ("j069" finds "J06.9").
  const Diagnosis* find(std::string_view code) const;

  // Case-insensitive. Every word of the query must be a prefix of the code or of a word of either name.
  // Order: (0) code-prefix matches, (1) Indonesian names starting with the query's first word, (2) English
  // names starting with it, (3) other matches; by code within each group. A blank query finds nothing.
  std::vector<const Diagnosis*> search(std::string_view query, std::size_t limit) const;

  std::size_t size() const { return entries_.size(); }
  const std::vector<Diagnosis>& all() const { return entries_; }  // sorted by code

  // True for a well-formed dotted ICD-10 code: a capital letter, two digits, optionally '.' and one digit.
  static bool valid_code(std::string_view code);

 private:
  struct Keys {
    std::string code;                // lower case, no dot: "j069"
    std::vector<std::string> words;  // lower-case words of both names
    std::string lead_id, lead_en;    // first word of each name
  };

  std::vector<Diagnosis> entries_;
  std::vector<Keys> keys_;  // parallel to entries_
};

}  // namespace simpul
