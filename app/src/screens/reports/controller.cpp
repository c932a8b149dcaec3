#include "screens/reports/controller.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "context/app_context.hpp"
#include "context/card_output.hpp"
#include "context/format.hpp"
#include "ui/i18n.hpp"
#include "widgets/form_text.hpp"

namespace simpul::screens::reports {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

namespace {

constexpr int kMaxRangeDays = 366;

std::string with_path(const char* key, const std::filesystem::path& path) {
  std::string text = tr(key);
  const auto at = text.find("{}");
  if (at != std::string::npos) text.replace(at, 2, path.string());
  return text;
}

}  // namespace

std::filesystem::path documents_dir_from_user_dirs(std::string_view text, const std::filesystem::path& home) {
  constexpr std::string_view kKey = "XDG_DOCUMENTS_DIR=";
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.substr(0, kKey.size()) != kKey) continue;
    line.remove_prefix(kKey.size());
    if (line.size() >= 2 && line.front() == '"') line = line.substr(1, line.find('"', 1) - 1);
    std::string value(line);
    if (value.rfind("$HOME", 0) == 0) value = home.string() + value.substr(5);
    // "$HOME/" alone means "no documents folder" (xdg-user-dirs' convention).
    if (value.empty() || std::filesystem::path(value) == home || value == home.string() + "/") return {};
    return value;
  }
  return {};
}

std::filesystem::path documents_dir(const std::filesystem::path& fallback) {
  if (const char* xdg = std::getenv("XDG_DOCUMENTS_DIR"); xdg != nullptr && *xdg != '\0') return xdg;
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return fallback;
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const std::filesystem::path dirs =
      (config != nullptr && *config != '\0' ? std::filesystem::path(config)
                                            : std::filesystem::path(home) / ".config") /
      "user-dirs.dirs";
  if (std::ifstream in(dirs); in) {
    std::ostringstream text;
    text << in.rdbuf();
    if (auto named = documents_dir_from_user_dirs(text.str(), home); !named.empty()) return named;
  }
  return std::filesystem::path(home) / "Documents";
}

Status write_text_file(const std::filesystem::path& path, const std::string& text, bool create_folder) {
  std::error_code ec;
  if (path.empty() || path.filename().empty() || std::filesystem::is_directory(path, ec))
    return make_error(ErrorKind::invalid, "reports.export.not_a_file", "not a file name: " + path.string());
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder, ec)) {
    if (!create_folder || !std::filesystem::create_directories(folder, ec))
      return make_error(ErrorKind::invalid, "reports.export.no_folder", "no folder " + folder.string());
  }
  // Written beside the target and renamed: a failed write never leaves half a file under the user's name.
  const std::filesystem::path temp = path.string() + ".part";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      const bool denied = errno == EACCES || errno == EROFS || errno == EPERM;
      return make_error(ErrorKind::permanent, denied ? "reports.export.denied" : "reports.export.failed",
                        "cannot write " + temp.string());
    }
    out << text;
    out.close();
    if (!out) {
      std::filesystem::remove(temp, ec);
      return make_error(ErrorKind::transient, "reports.export.failed", "write failed: " + temp.string());
    }
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return make_error(ErrorKind::permanent, "reports.export.failed", "cannot replace " + path.string());
  }
  return {};
}

ReportsScreen::~ReportsScreen() {
  *alive_ = false;
}

std::string ReportsScreen::suggested_path() const {
  const auto from = widgets::parse_date_text(form_.from);
  const auto to = widgets::parse_date_text(form_.to);
  std::string name = std::string("simpul-") + tab_code(form_.tab);
  if (from && to) name += "-" + from->iso() + "-" + to->iso();
  return (documents_dir(context::export_dir(app_.db_path())) / (name + ".csv")).string();
}

void ReportsScreen::on_show() {
  if (form_.from.empty() && form_.to.empty()) {
    // The 30 days ending today, as `simpulctl report`.
    const Date today = Date::from_epoch_ms(app_.clock().now_ms());
    form_.to = widgets::date_text(today);
    form_.from = widgets::date_text(today.add_days(-29));
  }
  if (form_.path.empty() || form_.path == suggested_) form_.path = suggested_ = suggested_path();
  form_.focus_pending = true;
  load();
}

void ReportsScreen::load() {
  view_.range_error_key.clear();
  const auto from = widgets::parse_date_text(form_.from);
  const auto to = widgets::parse_date_text(form_.to);
  if (!from || !to) {
    view_.range_error_key = "reports.range.invalid";
    return;
  }
  if (*from > *to) {
    view_.range_error_key = "reports.range.order";
    return;
  }
  if (to->to_days() - from->to_days() >= kMaxRangeDays) {
    view_.range_error_key = "reports.range.too_long";
    return;
  }
  view_.loading = true;
  view_.load_error_key.clear();
  std::weak_ptr<bool> alive = alive_;
  context::AppContext& app = app_;
  const Date f = *from, t = *to;
  // Months of visits and queue events: computed on the task's own connection.
  app_.start_task("reports", [this, &app, alive, f, t](shell::TaskControl&) {
    Result<Figures> out = make_error(ErrorKind::transient, "reports.load", "no connection");
    if (auto db = app.open_connection(); !db.ok()) {
      out = db.error();
    } else {
      storage::Reports reports(**db);
      auto visits = reports.daily_visits(f, t);
      auto waits = reports.waits(f, t);
      auto screening = reports.screening(f, t);
      auto sync = reports.sync_health();
      if (!visits.ok())
        out = visits.error();
      else if (!waits.ok())
        out = waits.error();
      else if (!screening.ok())
        out = screening.error();
      else if (!sync.ok())
        out = sync.error();
      else
        out = Figures{std::move(*visits), std::move(*waits), std::move(*screening), std::move(*sync)};
    }
    app.post([this, alive, f, t, out = std::move(out)]() mutable {
      if (alive.expired()) return;
      view_.loading = false;
      if (!out.ok()) {
        std::fprintf(stderr, "simpul: reports: %s\n", out.error().message.c_str());
        view_.load_error_key = "reports.load_failed";
        return;
      }
      figures_ = std::move(out).value();
      from_ = f;
      to_ = t;
      view_.loaded = true;
      view_.range = context::format_date(f) + " \u2013 " + context::format_date(t);
      view_.sections[0] = visits_section(figures_->visits, f, t);
      view_.sections[1] = waits_section(figures_->waits);
      view_.sections[2] = screening_section(figures_->screening);
      view_.sections[3] = sync_section(figures_->sync, app_.clock().now_ms());
    });
  });
}

void ReportsScreen::export_csv() {
  if (!figures_ || view_.exporting) return;
  if (!app_.can(context::Permission::view_reports)) {
    app_.notify("nav.not_allowed");
    return;
  }
  const std::filesystem::path path = form_.path;
  const std::string csv = csv_of(*figures_, form_.tab);
  const bool create_folder = form_.path == suggested_;  // our own suggestion may name a folder not made yet
  view_.exporting = true;
  view_.export_message.clear();
  std::weak_ptr<bool> alive = alive_;
  context::AppContext& app = app_;
  app_.start_task("reports.export", [this, &app, alive, path, csv, create_folder](shell::TaskControl&) {
    Status written = write_text_file(path, csv, create_folder);
    app.post([this, alive, path, written] {
      if (alive.expired()) return;
      view_.exporting = false;
      view_.export_error = !written.ok();
      if (written.ok()) {
        view_.export_message = with_path("reports.export.done", path);
      } else {
        std::fprintf(stderr, "simpul: export: %s\n", written.error().message.c_str());
        view_.export_message = with_path(written.error().code.c_str(), path);
      }
    });
  });
}

void ReportsScreen::frame(shell::ScreenContext& context) {
  const Intents intents = draw(view_, form_);
  if (intents.tab_changed || intents.apply_range) {
    if (form_.path == suggested_) form_.path = suggested_ = suggested_path();
    view_.export_message.clear();
  }
  if (intents.apply_range) load();
  if (intents.export_csv) export_csv();
  if (intents.back) context.navigator.back();
}

std::unique_ptr<shell::Screen> make_reports_screen(const ScreenDeps& deps) {
  Tab first = Tab::visits;
  for (Tab tab : kTabs)
    if (deps.options.query && *deps.options.query == tab_code(tab)) first = tab;
  return std::make_unique<ReportsScreen>(deps.app, first);
}

}  // namespace simpul::screens::reports
