#pragma once
// The change-data screen's logic, pure (no ImGui, no storage): what each change writes, which rules it must
// pass, what the review shows, and whether the identity check holds.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "screens/change/model.hpp"
#include "simpul/core/date.hpp"
#include "simpul/core/model.hpp"
#include "simpul/core/regions.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::screens::change {

struct Reference {
  const RegionTable* regions = nullptr;
  const std::vector<Facility>* facilities = nullptr;
  std::optional<widgets::GeoPoint> origin;
  Date today;
  std::vector<Participant> family;  // on the same KK (the participant included): a parent's KTP for a newborn
  // Another participant on this device already holds this NIK (newborn NIK change); nullptr: not checked.
  std::function<bool(const std::string& nik)> nik_taken;
};

struct Plan {
  storage::Fields changes = storage::Fields::object();  // only what differs from the participant
  std::vector<ChangeLine> lines;                        // before -> after, in the UI language
  Findings findings;
};

// Prefills the change's fields with the participant's current values and leaves the review step.
void start_change(Form& form, Kind kind, const Participant& participant, const RegionTable* regions);

Plan plan_change(const Participant& participant, const Form& form, const Reference& ref);

// The identity check: "KTP seen" ticked and the typed NIK equal to the participant's (for a newborn NIK
// change: the NIK of the baby's parent on the same KK, since a baby has no KTP).
Findings identity_findings(const Participant& participant, const Form& form, const Reference& ref);

// Which changes apply to this participant now (dental only with a DPP as FKTP), with a note each.
std::vector<KindView> kind_views(const Participant& participant, const Reference& ref);

ParticipantSummary summarize(const Participant& participant, const Reference& ref);

View build_view(const Participant& participant, const Form& form, const Reference& ref);

}  // namespace simpul::screens::change
