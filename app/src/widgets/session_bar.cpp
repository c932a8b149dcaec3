#include "widgets/session_bar.hpp"

#include <algorithm>

#include "ui/em.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "widgets/form_controls.hpp"

namespace simpul::widgets {
namespace {

bool nav_button(const char* key, const std::string& current, const char* screen) {
  return ui::choice_button(ui::t(key), current == screen);
}

}  // namespace

void draw_demo_banner() {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetTextLineHeight() + ui::em(0.6f);
  ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height),
                                            ImGui::GetColorU32(ImVec4(1.0f, 0.93f, 0.80f, 1.0f)), ui::em(0.2f));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + ui::em(0.6f), pos.y + ui::em(0.3f)));
  ui::text_colored(ui::palette::kWarning, tr("demo.banner"));
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + height + ui::em(0.3f)));
  ImGui::Dummy(ImVec2(0, 0));
}

SessionBarIntents draw_session_bar(const SessionBarView& view) {
  SessionBarIntents intents;
  if (view.demo) draw_demo_banner();

  if (nav_button("nav.search", view.current, "search")) intents.open = "search";
  ImGui::SameLine();
  if (nav_button("nav.sync", view.current, "sync")) intents.open = "sync";
  if (view.show_queue_desk) {
    ImGui::SameLine();
    if (nav_button("nav.queue_desk", view.current, "queue_desk")) intents.open = "queue_desk";
  }
  if (view.show_poli) {
    ImGui::SameLine();
    if (nav_button("nav.poli", view.current, "poli")) intents.open = "poli";
  }
  if (!view.more.empty()) {
    ImGui::SameLine();
    const bool inside = std::find(view.more.begin(), view.more.end(), view.current) != view.more.end();
    if (ui::choice_button(ui::t("nav.more"), inside)) ImGui::OpenPopup("##nav.more.menu");
    if (ImGui::BeginPopup("##nav.more.menu")) {
      for (const std::string& screen : view.more) {
        const std::string key = "nav." + screen;
        if (selectable(ui::Label{key.c_str(), tr(key.c_str())}, view.current == screen)) intents.open = screen;
      }
      ImGui::EndPopup();
    }
  }
  if (view.show_admin) {
    ImGui::SameLine();
    if (nav_button("nav.admin", view.current, "admin")) intents.open = "admin";
  }

  // Right side: user, language, lock, sign out.
  const std::string who = view.display_name + " (" + tr(view.role_key.c_str()) + ")";
  const char* other_language = view.language == "id" ? "English" : "Bahasa Indonesia";
  const ImGuiStyle& style = ImGui::GetStyle();
  auto button_width = [&](const char* text) { return ImGui::CalcTextSize(text).x + style.FramePadding.x * 2; };
  const float right_width = ImGui::CalcTextSize(who.c_str()).x + button_width(other_language) +
                            button_width(tr("nav.lock")) + button_width(tr("nav.sign_out")) +
                            style.ItemSpacing.x * 4;
  ImGui::SameLine();
  const float right = ImGui::GetWindowContentRegionMax().x - right_width;
  if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
  ImGui::AlignTextToFramePadding();
  ui::text_muted(who);
  ImGui::SameLine();
  if (ui::button(ui::Label{"nav.language", other_language})) intents.language = view.language == "id" ? "en" : "id";
  ImGui::SameLine();
  if (ui::button(ui::t("nav.lock"))) intents.lock = true;
  ImGui::SameLine();
  if (ui::button(ui::t("nav.sign_out"))) intents.sign_out = true;

  if (!view.notice_key.empty()) {
    ImGui::AlignTextToFramePadding();
    ui::text_colored(ui::palette::kWarning, tr(view.notice_key.c_str()));
    ImGui::SameLine();
    if (ui::button(ui::t("notice.dismiss"))) intents.dismiss_notice = true;
  }
  ImGui::Separator();
  return intents;
}

}  // namespace simpul::widgets
