#include "commands.hpp"

namespace simpul::ctl {

const std::vector<Command>& commands() {
  // Later commands (enroll, sync, conflicts, digest, queue …) are added here, one line each.
  static const std::vector<Command> kCommands = {
      init_command(),     demo_command(),  search_command(),   show_command(),      register_command(),
      update_command(),   audit_command(), status_command(),   user_add_command(),  user_list_command(),
      backup_command(),   restore_command(),
      findrisc_command(), screen_command(), screen_list_command(), screen_duplicates_command(), screen_review_command(),
      visit_add_command(), visit_list_command(), rate_command(), complaint_add_command(), complaint_list_command(),
      locate_command(), report_visits_command(), report_waits_command(), report_screening_command(), report_sync_command(),
      enroll_command(),   sync_command(),  conflicts_command(), digest_command(),    rejected_command(),
      resend_command(),   discard_command(),
      queue_add_command(), queue_list_command(), queue_status_command(), queue_call_command(), queue_recall_command(),
      queue_skip_command(), queue_serve_command(), queue_done_command(), queue_no_show_command(), queue_cancel_command(),
  };
  return kCommands;
}

const std::vector<StatusSection>& status_sections() {
  static const std::vector<StatusSection> kSections = {
      fill_counts_status,
      fill_outbox_status,
      fill_schema_status,
      fill_device_status,
      fill_sync_status,
  };
  return kSections;
}

}  // namespace simpul::ctl
