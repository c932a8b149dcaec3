#pragma once
// The command table. One factory per command file; commands.cpp lists them in the order `--help` shows.
#include <vector>

#include "command.hpp"

namespace simpul::ctl {

const std::vector<Command>& commands();

// `simpulctl status` is assembled from sections, in this order; each adds its fields to the report
// object. A new part of the status (sync's last_sync_at, online, open_conflicts, …) is one more function
// and one more line in status_sections() (commands.cpp).
using StatusSection = Status (*)(storage::Replica& replica, nlohmann::json& report);
const std::vector<StatusSection>& status_sections();
Status fill_counts_status(storage::Replica& replica, nlohmann::json& report);   // participants, families, ...
Status fill_outbox_status(storage::Replica& replica, nlohmann::json& report);   // pending_ops, rejected_ops
Status fill_schema_status(storage::Replica& replica, nlohmann::json& report);   // schema_version
Status fill_device_status(storage::Replica& replica, nlohmann::json& report);   // device {...}
Status fill_sync_status(storage::Replica& replica, nlohmann::json& report);     // online, phase, last_sync_at, ...

Command init_command();
Command demo_command();
Command search_command();
Command show_command();
Command register_command();
Command update_command();
Command audit_command();
Command status_command();
Command user_add_command();
Command user_list_command();
Command backup_command();
Command restore_command();
// Care: screening, visits, ratings, complaints, locator, reports (cmd_findrisc.cpp … cmd_report.cpp).
Command findrisc_command();
Command screen_command();
Command screen_list_command();
Command screen_duplicates_command();
Command screen_review_command();
Command visit_add_command();
Command visit_list_command();
Command rate_command();
Command complaint_add_command();
Command complaint_list_command();
Command locate_command();
Command report_visits_command();
Command report_waits_command();
Command report_screening_command();
Command report_sync_command();
// Sync (cmd_sync.cpp).
Command enroll_command();
Command sync_command();
Command conflicts_command();
Command digest_command();
Command rejected_command();
Command resend_command();
Command discard_command();
// Queue (cmd_queue.cpp).
Command queue_add_command();
Command queue_list_command();
Command queue_status_command();
Command queue_call_command();
Command queue_recall_command();
Command queue_skip_command();
Command queue_serve_command();
Command queue_done_command();
Command queue_no_show_command();
Command queue_cancel_command();

}  // namespace simpul::ctl
