#pragma once
// Reports: daily visits per poli, queue waiting times, screening risk distribution and sync health over a
// date range (storage::Reports, docs/CARE.md), drawn as bar charts and tables, with CSV export of the report
// shown to a file the user picks (written by a background task).
#include <string>
#include <vector>

namespace simpul::screens::reports {

enum class Tab { visits, waits, screening, sync };
inline constexpr Tab kTabs[] = {Tab::visits, Tab::waits, Tab::screening, Tab::sync};
const char* tab_code(Tab tab);  // "visits", "waits", "screening", "sync" (as `simpulctl report`)

struct Bar {
  std::string label;
  float value = 0;
};

struct Figure {  // "Total visits: 42"
  std::string label;
  std::string value;
};

struct TableView {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

struct Section {
  std::vector<Figure> figures;
  std::string chart_title;
  std::vector<Bar> bars;  // categorical bars (waits, risk), or one bar per day (visits)
  bool daily = false;     // bars are days: drawn as a histogram with the first/last day under it
  TableView table;
  std::string empty_key;  // shown instead of the chart when there is nothing in the range
};

struct View {
  bool loading = false;  // the reports are being computed
  bool loaded = false;
  std::string range;            // "01-03-2026 – 30-03-2026" of the figures shown
  Section sections[4];          // by Tab
  std::string range_error_key;  // the typed range is not valid
  std::string load_error_key;
  bool exporting = false;
  std::string export_message;  // in the UI language: where the file went, or why not
  bool export_error = false;
};

struct Form {
  Tab tab = Tab::visits;
  std::string from;  // DD-MM-YYYY
  std::string to;
  std::string path;  // CSV destination
  bool focus_pending = true;
};

struct Intents {
  bool apply_range = false;  // Enter / "Tampilkan"
  bool tab_changed = false;  // the suggested file name follows the report
  bool export_csv = false;
  bool back = false;
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::reports
