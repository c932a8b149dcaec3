#include "simpul/core/rules/membership.hpp"

#include <algorithm>
#include <utility>

#include "simpul/core/rules/findings.hpp"
#include "simpul/core/rules/identity.hpp"
#include "text.hpp"

namespace simpul::rules {
namespace {

bool has_poli_gigi(const Facility& f) {
  return std::any_of(f.polis.begin(), f.polis.end(), [](const Poli& p) { return p.code == kPoliGigiCode; });
}

std::string facility_text(const Facility& f) {
  return f.name.empty() ? f.code : f.name + " (" + f.code + ")";
}

}  // namespace

Findings check_fktp_change(const Participant& participant, std::string_view new_fktp, const Date& today) {
  Findings out = check_ppk_code(new_fktp, "fktp");
  if (!out.empty()) return out;
  const std::string code(new_fktp);
  if (code == participant.fktp) {
    out.push_back(error_finding(
        "fktp", "fktp.already_registered",
        "Peserta sudah terdaftar di FKTP " + code + ". Mohon pilih FKTP lain bila ingin pindah.",
        "The participant is already registered at FKTP " + code + ". Please choose another FKTP to move."));
    return out;
  }
  if (participant.fktp_changed_on) {
    const Date last = *participant.fktp_changed_on;
    const Date earliest = last.add_months(kFktpChangeMonths);
    if (today < earliest) {
      out.push_back(error_finding(
          "fktp", "fktp.change_too_soon",
          "FKTP baru bisa diganti lagi mulai " + detail::date_text_id(earliest) +
              ", yaitu 3 bulan setelah penggantian terakhir (" + detail::date_text_id(last) + ").",
          "The FKTP can be changed again from " + detail::date_text_en(earliest) +
              ", 3 months after the last change (" + detail::date_text_en(last) + ")."));
    }
  }
  return out;
}

Findings check_dental_fktp(const Facility& fktp, std::string_view dental_code, const Facility* dental) {
  Findings out;
  if (dental_code.empty()) return out;
  if (fktp.type != FacilityType::dpp) {
    out.push_back(error_finding(
        "dental_fktp", "dental.fktp_not_dpp",
        "Faskes gigi hanya bisa dipilih bila FKTP peserta adalah dokter praktik perorangan (DPP), "
        "sedangkan " +
            facility_text(fktp) + " bukan DPP. Mohon kosongkan pilihan faskes gigi.",
        "A dental facility can be chosen only when the participant's FKTP is an individual doctor's practice "
        "(DPP), and " +
            facility_text(fktp) + " is not one. Please leave the dental facility empty."));
    return out;
  }
  out = check_ppk_code(dental_code, "dental_fktp");
  if (!out.empty()) return out;
  const std::string code(dental_code);
  if (dental == nullptr) {
    // The facility list on an offline device can be older than the participant's choice.
    out.push_back(
        warning_finding("dental_fktp", "dental.facility_unknown",
                        "Faskes gigi " + code +
                            " tidak ada di daftar faskes perangkat ini. Pastikan kodenya benar; data "
                            "tetap bisa disimpan.",
                        "Dental facility " + code +
                            " is not in this device's facility list. Make sure the code is right; you "
                            "may still save."));
  } else if (dental->type != FacilityType::dpg && !(is_fktp(dental->type) && has_poli_gigi(*dental))) {
    out.push_back(
        error_finding("dental_fktp", "dental.not_dental_facility",
                      facility_text(*dental) +
                          " tidak melayani gigi. Mohon pilih dokter gigi praktik perorangan (DPG) atau "
                          "FKTP yang memiliki poli gigi.",
                      facility_text(*dental) +
                          " offers no dental care. Please choose a dentist's practice (DPG) or an FKTP "
                          "with a dental clinic (poli gigi)."));
  }
  return out;
}

Findings check_care_class(int care_class) {
  Findings out;
  if (care_class < 1 || care_class > 3) {
    out.push_back(error_finding("care_class", "care_class.out_of_range", "Kelas rawat harus 1, 2 atau 3.",
                                "The care class must be 1, 2 or 3."));
  }
  return out;
}

Findings check_autodebit(Autodebit autodebit, std::string_view provider, bool required) {
  Findings out;
  if (autodebit == Autodebit::none) {
    if (required) {
      out.push_back(error_finding("autodebit", "autodebit.required",
                                  "Mohon pilih autodebit iuran: melalui bank atau non-bank.",
                                  "Please choose how the premium is debited: bank or non-bank."));
    }
  } else if (detail::trim(provider).empty()) {
    out.push_back(error_finding("autodebit_provider", "autodebit.provider_required",
                                "Mohon isi nama bank atau penyedia non-bank untuk autodebit.",
                                "Please enter the name of the bank or non-bank provider for the autodebit."));
  }
  return out;
}

Findings check_segment_change(const Participant& participant, const SegmentChange& change) {
  Findings out;
  if (participant.segment != Segment::ppu) {
    out.push_back(error_finding(
        "segment", "segment.source_not_ppu",
        std::string(
            "Perubahan segmen ke PBPU (mandiri) hanya untuk peserta PPU (pekerja penerima upah); segmen "
            "peserta ini ") +
            segment_code(participant.segment) + ".",
        std::string(
            "Only PPU (wage earner) participants can change to PBPU (self-paying); this participant's "
            "segment is ") +
            segment_code(participant.segment) + "."));
  }
  if (change.target != Segment::pbpu) {
    out.push_back(error_finding("segment", "segment.target_not_pbpu", "Segmen tujuan harus PBPU (mandiri).",
                                "The target segment must be PBPU (self-paying)."));
  }
  append(out, check_autodebit(change.autodebit, change.autodebit_provider, true));
  append(out, check_care_class(change.care_class));
  if (!change.consent) {
    out.push_back(
        error_finding("consent", "segment.consent_required",
                      "Peserta perlu menyetujui pernyataan perubahan segmen sebelum data disimpan.",
                      "The participant needs to agree to the segment change statement before saving."));
  }
  return out;
}

Findings check_newborn_nik_update(const Participant& participant, std::string_view new_nik,
                                  const RegionTable* regions, const Date& today) {
  Findings out;
  if (participant.birth_date.years_until(today) >= kNewbornMaxYears) {
    const std::string limit = std::to_string(kNewbornMaxYears);
    out.push_back(error_finding(
        "nik", "newborn.not_a_baby",
        "Perubahan NIK bayi baru lahir hanya untuk peserta berusia di bawah " + limit +
            " tahun, sedangkan peserta ini lahir " + detail::date_text_id(participant.birth_date) + ".",
        "The newborn NIK update is only for participants younger than " + limit +
            (kNewbornMaxYears == 1 ? " year" : " years") + ", and this participant was born on " +
            detail::date_text_en(participant.birth_date) + "."));
    return out;
  }
  if (new_nik == participant.nik) {
    out.push_back(
        error_finding("nik", "newborn.nik_unchanged",
                      "NIK baru sama dengan NIK yang sudah tercatat. Mohon isi NIK bayi dari Dukcapil.",
                      "The new NIK is the same as the recorded one. Please enter the baby's NIK issued "
                      "by Dukcapil."));
    return out;
  }
  return check_nik(new_nik, participant.sex, participant.birth_date, regions, today);
}

}  // namespace simpul::rules
