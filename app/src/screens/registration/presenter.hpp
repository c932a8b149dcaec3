#pragma once
// The registration screen's logic, pure (no ImGui, no storage): builds the View from the Form and reference
// data, prefills from the NIK, and turns the form into the Participants to save. The controller supplies what
// only storage knows (facilities, participants already registered with a NIK).
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "screens/registration/model.hpp"
#include "simpul/core/date.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"

namespace simpul::screens::registration {

struct Reference {
  const RegionTable* regions = nullptr;
  const std::vector<Facility>* facilities = nullptr;
  std::optional<widgets::GeoPoint> origin;  // this desk's facility, for "nearest first"
  Date today;
};

// NIK -> the participant already registered with it on this device.
using Existing = std::map<std::string, ExistingParticipant, std::less<>>;

// The NIK as typed, decoded as far as it goes.
NikPreview preview_nik(const std::string& nik, const Reference& ref);

// Keeps the derived parts of the form up to date, once per frame before building the view: fills what the NIK
// tells and staff have not typed themselves (each person's birth date and sex; the household's province to
// district from the first person's NIK while no region was chosen) and clears the dental facility while the
// FKTP is not a DPP.
void update_derived(Form& form, const Reference& ref);

// Every finding for one person as it would be saved (their fields and the household's).
Findings person_findings(const Form& form, std::size_t person, const Reference& ref, const Existing& existing);

View build_view(const Form& form, const Reference& ref, const Existing& existing);

// The participant to save: normalised phone, e-mail, RT/RW; PBPU, waiting for verification.
Participant to_participant(const Form& form, std::size_t person);

// Adds a person on the same KK (a child by default) and makes them current.
void add_member(Form& form);
// A new registration keeping the household (KK, address, class, facilities, autodebit): for the next family
// member after everyone in `form` was saved.
Form next_family_form(const Form& form);

}  // namespace simpul::screens::registration
