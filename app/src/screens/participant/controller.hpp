#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "context/participant_record.hpp"
#include "context/payment_guide.hpp"
#include "screens/participant/model.hpp"
#include "screens/registry.hpp"
#include "shell/screen.hpp"

namespace simpul::context {
class AppContext;
}

namespace simpul::screens::participant {

// The View for a loaded record (pure: tested without a screen). `full_nik`: viewers see masked NIKs.
View build_view(const context::ParticipantRecord& record, const context::PaymentGuide* guide, bool full_nik,
                std::int64_t now_ms);
// "class: 3 → 2, fktp: … → …" for an audit entry.
std::string audit_summary(const storage::AuditEntry& entry);

class ParticipantScreen final : public shell::Screen {
 public:
  explicit ParticipantScreen(context::AppContext& app) : app_(app) {}
  std::string_view name() const override { return "participant"; }
  // Loads the selected participant (again: it may have changed meanwhile) and records the view in the audit.
  void on_show() override;
  void frame(shell::ScreenContext& context) override;
  bool busy() const override { return exporting_; }

 private:
  void show(const std::string& id);
  void reload();
  void export_card(CardOutput output);
  void rate(const RateIntent& intent);

  context::AppContext& app_;
  std::string id_;
  std::vector<std::string> history_;  // family members opened from this page, for Back
  std::optional<context::ParticipantRecord> record_;
  View view_;
  Form form_;
  bool exporting_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

std::unique_ptr<shell::Screen> make_participant_screen(const ScreenDeps& deps);

}  // namespace simpul::screens::participant
