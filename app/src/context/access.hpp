#pragma once
// Who may do what. Enforced where things happen (navigation refuses a screen, controllers refuse an intent),
// not only by hiding buttons.
//   admin         everything, including users, enrollment and settings (the admin screens)
//   registration  registers and changes participants, rates services, works the sync lists and the desk queue
//   clinician     looks participants up, records ratings, calls the poli queue, records visits and screenings
//   viewer        looks participants up, reads program information and the facility locator; changes nothing
// Complaints: every staff role but viewer. Reports: admin and registration (they run the desk and its sync).
#include <string_view>

#include "simpul/core/model.hpp"

namespace simpul::context {

enum class Permission {
  open,               // no sign-in needed (login, first run, about)
  view_participants,  // any signed-in, unlocked user
  edit_participants,  // registration, change data, new family member
  rate_services,      // the rating/comment entry on a past visit
  resolve_sync,       // resend / discard rejected changes, resolve conflicts, "sync now"
  enroll_queue,       // the desk's queue panel: put people in today's queue, cancel, see every poli
  call_queue,         // the poli caller: call, recall, skip, serve, done, no-show
  record_care,        // the poli's visit record and clinician screening
  record_complaints,  // record a participant's complaint and read the facility's complaints with their answers
  view_reports,       // the reports screen (visits, waits, screening risk, sync health) and its CSV export
  administer,         // admin screens: users, enrollment, settings, backup
};

bool allowed(Role role, Permission permission);
std::string_view permission_name(Permission permission);

}  // namespace simpul::context
