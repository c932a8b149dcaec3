#include "widgets/care_screen.hpp"

#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/widgets.hpp"

namespace simpul::widgets {

bool care_screen_top(std::string_view title, const char* not_allowed_key, bool allowed,
                     const std::string& error_key, bool popup_open, bool& back) {
  if (!popup_open && ui::back_pressed()) back = true;
  ui::title(title);
  if (!allowed) {
    ui::error_text(tr(not_allowed_key));
    if (ui::button(ui::t("common.back"))) back = true;
    return false;
  }
  if (!error_key.empty()) {
    ui::error_text(tr(error_key.c_str()));
    if (ui::button(ui::t("common.back"))) back = true;
    return false;
  }
  return true;
}

}  // namespace simpul::widgets
