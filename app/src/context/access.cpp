#include "context/access.hpp"

namespace simpul::context {

bool allowed(Role role, Permission permission) {
  switch (permission) {
    case Permission::open:
    case Permission::view_participants:
      return true;
    case Permission::edit_participants:
    case Permission::resolve_sync:
    case Permission::enroll_queue:
      return role == Role::admin || role == Role::registration;
    case Permission::call_queue:
    case Permission::record_care:
      return role == Role::admin || role == Role::clinician;
    case Permission::rate_services:
    case Permission::record_complaints:
      return role != Role::viewer;
    case Permission::view_reports:
      return role == Role::admin || role == Role::registration;
    case Permission::administer:
      return role == Role::admin;
  }
  return false;
}

std::string_view permission_name(Permission permission) {
  switch (permission) {
    case Permission::open: return "open";
    case Permission::view_participants: return "view_participants";
    case Permission::edit_participants: return "edit_participants";
    case Permission::rate_services: return "rate_services";
    case Permission::resolve_sync: return "resolve_sync";
    case Permission::enroll_queue: return "enroll_queue";
    case Permission::call_queue: return "call_queue";
    case Permission::record_care: return "record_care";
    case Permission::record_complaints: return "record_complaints";
    case Permission::view_reports: return "view_reports";
    case Permission::administer: return "administer";
  }
  return "?";
}

}  // namespace simpul::context
