#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "screens/registry.hpp"
#include "screens/reports/model.hpp"
#include "screens/reports/presenter.hpp"
#include "shell/screen.hpp"
#include "simpul/core/date.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::reports {

// The user's documents folder: $XDG_DOCUMENTS_DIR, else the one named in ~/.config/user-dirs.dirs (an
// Indonesian desktop calls it ~/Dokumen), else ~/Documents, else `fallback`.
std::filesystem::path documents_dir(const std::filesystem::path& fallback);
// The XDG_DOCUMENTS_DIR line of a user-dirs.dirs text ("$HOME/Dokumen" with $HOME replaced); empty when none.
std::filesystem::path documents_dir_from_user_dirs(std::string_view text, const std::filesystem::path& home);

// Writes `text` to `path` (replacing it). Errors carry an i18n key as their code: reports.export.no_folder,
// reports.export.denied, reports.export.failed.
Status write_text_file(const std::filesystem::path& path, const std::string& text, bool create_folder);

class ReportsScreen final : public shell::Screen {
 public:
  // `tab`: the report shown first (`simpul --screen reports --query waits` for a screenshot).
  ReportsScreen(context::AppContext& app, Tab tab) : app_(app) { form_.tab = tab; }
  ~ReportsScreen() override;
  std::string_view name() const override { return "reports"; }
  void on_show() override;
  void frame(shell::ScreenContext& context) override;
  bool busy() const override { return view_.loading || view_.exporting; }

 private:
  void load();
  void export_csv();
  std::string suggested_path() const;

  context::AppContext& app_;
  View view_;
  Form form_;
  std::optional<Figures> figures_;
  Date from_, to_;  // of figures_
  std::string
      suggested_;  // the path we proposed (followed when the report changes, unless the user edited it)
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_reports_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::reports
