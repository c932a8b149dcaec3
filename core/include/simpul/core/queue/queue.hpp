#pragma once
// The queue domain in one include. Guide (docs/QUEUE.md has the why):
//   types.hpp          states, events, priority, source; QueueEntry / QueueEvent rows
//   state_machine.hpp  check_event / apply_event / allowed_events; replay of merged event lists
//   priority.hpp       classify(): A umum or B prioritas
//   numbering.hpp      device slots, format_number / parse_number, NumberAllocator
//   order.hpp          service_order(): arrival HLC with a head start for B
//   booking.hpp        check_booking / check_cancel, weekly schedule, WS Antrean messages
//   stats.hpp          people_ahead, totals, called number, pace and estimated wait, summarize()
#include "simpul/core/queue/booking.hpp"
#include "simpul/core/queue/numbering.hpp"
#include "simpul/core/queue/order.hpp"
#include "simpul/core/queue/priority.hpp"
#include "simpul/core/queue/state_machine.hpp"
#include "simpul/core/queue/stats.hpp"
#include "simpul/core/queue/types.hpp"
