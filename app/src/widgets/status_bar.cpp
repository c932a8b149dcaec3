#include "widgets/status_bar.hpp"

#include <cmath>
#include <string>

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace simpul::widgets {
namespace {

void dot(const ImVec4& color) {
  const float size = ImGui::GetTextLineHeight();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(size * 0.7f, size));
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + size * 0.35f, pos.y + size * 0.55f), size * 0.3f,
                                              ImGui::GetColorU32(color));
}

void divider() {
  ImGui::SameLine(0.0f, ui::em(1.0f));
  ui::text_muted("|");
  ImGui::SameLine(0.0f, ui::em(1.0f));
}

// "Label: N", muted when zero, in `alert` colour otherwise.
void counter(const char* key, int count, const ImVec4& alert) {
  const std::string line = std::string(tr(key)) + ": " + std::to_string(count);
  ui::text_colored(count > 0 ? alert : ui::palette::kTextMuted, line);
}

}  // namespace

float status_bar_height() { return std::round(ui::em(2.4f)); }  // whole pixels: no half-covered last row

void draw_status_bar(const SyncStatusView& view) {
  // Vertically centre one line of text in the bar.
  ImGui::SetCursorPosY((ImGui::GetWindowHeight() - ImGui::GetTextLineHeight()) * 0.5f);

  dot(view.online ? ui::palette::kSuccess : ui::palette::kTextMuted);
  ImGui::SameLine(0.0f, ui::em(0.3f));
  ui::text_bold(tr(view.online ? "status.online" : "status.offline"));
  if (!view.enrolled) {
    divider();
    ui::text_colored(ui::palette::kWarning, tr("status.not_enrolled"));
  } else if (view.synced) {
    divider();
    ui::text_colored(ui::palette::kSuccess, tr("status.synced"));
  }

  if (!view.phase.empty()) {
    divider();
    ui::text(view.phase);
  }
  if (view.progress) {
    ImGui::SameLine(0.0f, ui::em(0.6f));
    const float line = ImGui::GetTextLineHeight();
    ImGui::SetCursorPosY((ImGui::GetWindowHeight() - line) * 0.5f);
    ui::progress_bar(*view.progress, "", ImVec2(ui::em(8), line));
  }

  divider();
  counter("status.pending", view.pending_ops, ui::palette::kText);
  divider();
  counter("status.rejected", view.rejected_ops, ui::palette::kError);
  divider();
  counter("status.conflicts", view.open_conflicts, ui::palette::kWarning);

  // Last successful sync, right-aligned.
  const std::string last = view.last_success.empty()
                               ? std::string(tr("status.never_synced"))
                               : std::string(tr("status.last_sync")) + ": " + view.last_success;
  const float width = ImGui::CalcTextSize(last.c_str()).x;
  const float right = ImGui::GetWindowContentRegionMax().x - width;
  ImGui::SameLine(0.0f, ui::em(1.0f));
  if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
  ui::text_muted(last);
}

}  // namespace simpul::widgets
