#pragma once
// Facility and office locator: the nearest FKTPs, hospitals and BPJS offices from this facility or from a
// chosen village (the region picker), nearest first with the distance, filtered by type and service
// (storage::Locator, docs/CARE.md). Reference data only, no personal data: the kiosk shows it too (from this
// facility only).
#include <string>
#include <vector>

#include "widgets/region_picker.hpp"

namespace simpul::screens::locator {

enum class Origin { here, village };

struct Row {
  std::string code;
  std::string name;
  std::string type_key;  // locator.type.<facility type code>
  std::string distance;  // "1,2 km" / "1.2 km"
  double distance_km = 0;
  std::string address;
  std::string phone;
  std::string services;  // in the UI language, comma-separated
};

struct View {
  bool kiosk = false;     // public screen: this facility only, touch-sized, a big Back button
  std::string here_name;  // this facility ("" when the replica has none with coordinates)
  widgets::RegionPickerView regions;
  std::vector<std::string> services;  // filter choices (codes)
  std::vector<Row> rows;              // nearest first
  bool more = false;                  // another page exists
  bool busy = false;                  // a search runs
  std::string message_key;            // why there are no results (choose a village, none found, error)
  bool message_error = false;
};

struct Form {
  Origin origin = Origin::here;
  widgets::RegionPickerState region;
  std::string type;     // "" all, "bpjs_office", "fktp", "hospital"
  std::string service;  // "" any
};

struct Intents {
  bool search = false;  // the origin or a filter changed
  bool more = false;    // the next page
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::locator
