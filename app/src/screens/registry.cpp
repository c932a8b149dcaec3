#include "screens/registry.hpp"

#include "screens/about/controller.hpp"
#include "screens/admin/controller.hpp"
#include "screens/change/controller.hpp"
#include "screens/complaints/controller.hpp"
#include "screens/first_run/controller.hpp"
#include "screens/info/controller.hpp"
#include "screens/kiosk_screening/controller.hpp"
#include "screens/locator/controller.hpp"
#include "screens/lock/controller.hpp"
#include "screens/login/controller.hpp"
#include "screens/participant/controller.hpp"
#include "screens/poli/controller.hpp"
#include "screens/queue_desk/controller.hpp"
#include "screens/registration/controller.hpp"
#include "screens/reports/controller.hpp"
#include "screens/screening/controller.hpp"
#include "screens/search/controller.hpp"
#include "screens/sync/controller.hpp"
#include "screens/visit/controller.hpp"

namespace simpul::screens {

using context::Permission;

namespace {
// Screens that need nothing from the context.
template <class S>
std::unique_ptr<shell::Screen> make_plain(const ScreenDeps&) {
  return std::make_unique<S>();
}
}  // namespace

const std::vector<ScreenSpec>& all_screens() {
  static const std::vector<ScreenSpec> kScreens = {
      {"login", Permission::open, &login::make_login_screen},
      {"about", Permission::open, &make_plain<about::AboutScreen>},
      {"first_run", Permission::open, &first_run::make_first_run_screen},
      {"lock", Permission::open, &lock::make_lock_screen},
      {"search", Permission::view_participants, &search::make_search_screen},
      {"participant", Permission::view_participants, &participant::make_participant_screen},
      {"sync", Permission::view_participants, &sync::make_sync_screen},
      {"registration", Permission::edit_participants, &registration::make_registration_screen},
      {"change", Permission::edit_participants, &change::make_change_screen},
      {"admin", Permission::administer, &admin::make_admin_screen},
      {"queue_desk", Permission::enroll_queue, &queue_desk::make_queue_desk_screen},
      {"poli", Permission::call_queue, &poli::make_poli_screen},
      {"visit", Permission::record_care, &visit::make_visit_screen},
      {"screening", Permission::record_care, &screening::make_screening_screen},
      // Public: opened only by the kiosk (public shell may_open) and only for the person it identified.
      {"kiosk_screening", Permission::open, &kiosk_screening::make_kiosk_screening_screen},
      {"complaints", Permission::record_complaints, &complaints::make_complaints_screen},
      {"info", Permission::view_participants, &info::make_info_screen},
      {"locator", Permission::view_participants, &locator::make_locator_screen},
      {"reports", Permission::view_reports, &reports::make_reports_screen},
      {"kiosk_info", Permission::open, &info::make_kiosk_info_screen},  // public: no personal data
      {"kiosk_locator", Permission::open, &locator::make_kiosk_locator_screen},  // public: facilities only
  };
  return kScreens;
}

const ScreenSpec* find_screen(std::string_view name) {
  for (const ScreenSpec& spec : all_screens())
    if (spec.name == name) return &spec;
  return nullptr;
}

}  // namespace simpul::screens
