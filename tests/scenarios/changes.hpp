#pragma once
// Random domain changes a desk makes, as its users would through the app: register people (from the civil
// registry, with a name Dukcapil does not match, with a NIK it does not know, or with values the server
// must refuse), edit their contact details, delete, queue patients and move queue entries on. Drawn from a
// seeded generator, so a seed names one sequence of changes.
//
// Every value an edit writes is unique in the run: when two desks edit the same field, which one won is
// never ambiguous, and a conflict record can be matched to the edits behind it.
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "harness.hpp"

namespace simpul::scenario {

// The fields whose values ChangeMaker keeps unique (the ones the conflict checks follow).
bool tracked_field(const std::string& entity, const std::string& field);

class ChangeMaker {
 public:
  enum class Kind {
    register_known,    // a civil-registry person: verified, card and VA numbers assigned
    register_unknown,  // a NIK Dukcapil does not know, or a misspelt name: accepted, verification rejected
    register_poison,   // values the server refuses (bad class, malformed NIK or date): a rejected op
    edit_participant,  // contact fields of someone the desk sees (often one of the shared "hot" people)
    remove,            // a queue entry, or a participant
    queue_create,
    queue_update,
  };
  static const char* name(Kind kind);

  // `hot`: participants every desk of the main facility sees; edits aim at them often, so that desks edit
  // the same fields concurrently. `people`: unregistered civil-registry people, shared by all desks, so
  // that two desks sometimes register the same NIK while offline.
  ChangeMaker(std::uint64_t seed, std::vector<std::string> hot, std::vector<CivilPerson> people);

  Kind pick();
  // Makes one change of `kind` (or a similar one when the desk has nothing to apply it to). Returns a short
  // description for the log.
  std::string make(Desk& desk, Kind kind);
  // `n` random changes.
  std::vector<std::string> random(Desk& desk, int n);

  std::mt19937_64& rng() { return rng_; }
  std::uint64_t uniform(std::uint64_t below) { return below == 0 ? 0 : rng_() % below; }
  bool chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < p; }

 private:
  std::string unique(const std::string& desk);
  std::string random_id(Desk& desk, const std::string& table, const std::string& where = "");
  std::string edit_participant(Desk& desk);
  std::string register_person(Desk& desk, Kind kind);
  std::string remove_something(Desk& desk);
  std::string queue_create(Desk& desk);
  std::string queue_update(Desk& desk);

  std::mt19937_64 rng_;
  std::vector<std::string> hot_;
  std::vector<CivilPerson> people_;
  std::uint64_t counter_ = 0;
};

}  // namespace simpul::scenario
