// Queue entry state machine: every (state, event) pair, the refusal texts, and the enum codes.
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "simpul/core/queue/state_machine.hpp"
#include "simpul/core/queue/types.hpp"
#include "simpul/core/rules/findings.hpp"

using namespace simpul;
using namespace simpul::queue;

namespace {

using S = QueueState;
using E = QueueEventKind;

struct TransitionCase {
  S from;
  E event;
  std::optional<S> to;  // allowed: the next state
  std::string refusal;  // refused: the code
};

// The whole 7 x 7 table, written out so a change to the machine shows up here.
// clang-format off
const std::vector<TransitionCase> kTable{
    {S::waiting, E::call, S::called, ""},
    {S::waiting, E::recall, std::nullopt, "queue.not_called"},
    {S::waiting, E::skip, std::nullopt, "queue.not_called"},
    {S::waiting, E::serve, std::nullopt, "queue.not_called"},
    {S::waiting, E::done, std::nullopt, "queue.not_serving"},
    {S::waiting, E::no_show, std::nullopt, "queue.not_called"},
    {S::waiting, E::cancel, S::cancelled, ""},

    {S::called, E::call, std::nullopt, "queue.already_called"},
    {S::called, E::recall, S::called, ""},
    {S::called, E::skip, S::skipped, ""},
    {S::called, E::serve, S::serving, ""},
    {S::called, E::done, std::nullopt, "queue.not_serving"},
    {S::called, E::no_show, S::no_show, ""},
    {S::called, E::cancel, S::cancelled, ""},

    {S::serving, E::call, std::nullopt, "queue.already_serving"},
    {S::serving, E::recall, std::nullopt, "queue.already_serving"},
    {S::serving, E::skip, std::nullopt, "queue.already_serving"},
    {S::serving, E::serve, std::nullopt, "queue.already_serving"},
    {S::serving, E::done, S::done, ""},
    {S::serving, E::no_show, std::nullopt, "queue.already_serving"},
    {S::serving, E::cancel, std::nullopt, "queue.cancel_after_service"},

    {S::skipped, E::call, S::called, ""},
    {S::skipped, E::recall, S::called, ""},
    {S::skipped, E::skip, std::nullopt, "queue.already_skipped"},
    {S::skipped, E::serve, std::nullopt, "queue.call_again_first"},
    {S::skipped, E::done, std::nullopt, "queue.not_serving"},
    {S::skipped, E::no_show, S::no_show, ""},
    {S::skipped, E::cancel, S::cancelled, ""},

    {S::done, E::call, std::nullopt, "queue.already_done"},
    {S::done, E::recall, std::nullopt, "queue.already_done"},
    {S::done, E::skip, std::nullopt, "queue.already_done"},
    {S::done, E::serve, std::nullopt, "queue.already_done"},
    {S::done, E::done, std::nullopt, "queue.already_done"},
    {S::done, E::no_show, std::nullopt, "queue.already_done"},
    {S::done, E::cancel, std::nullopt, "queue.cancel_after_service"},

    {S::no_show, E::call, std::nullopt, "queue.already_no_show"},
    {S::no_show, E::recall, std::nullopt, "queue.already_no_show"},
    {S::no_show, E::skip, std::nullopt, "queue.already_no_show"},
    {S::no_show, E::serve, std::nullopt, "queue.already_no_show"},
    {S::no_show, E::done, std::nullopt, "queue.already_no_show"},
    {S::no_show, E::no_show, std::nullopt, "queue.already_no_show"},
    {S::no_show, E::cancel, std::nullopt, "queue.already_no_show"},

    {S::cancelled, E::call, std::nullopt, "queue.already_cancelled"},
    {S::cancelled, E::recall, std::nullopt, "queue.already_cancelled"},
    {S::cancelled, E::skip, std::nullopt, "queue.already_cancelled"},
    {S::cancelled, E::serve, std::nullopt, "queue.already_cancelled"},
    {S::cancelled, E::done, std::nullopt, "queue.already_cancelled"},
    {S::cancelled, E::no_show, std::nullopt, "queue.already_cancelled"},
    {S::cancelled, E::cancel, std::nullopt, "queue.already_cancelled"},
};
// clang-format on

std::string trace(const TransitionCase& c) {
  return std::string(state_code(c.from)) + " + " + event_code(c.event);
}

}  // namespace

TEST(QueueStateMachine, TableCoversEveryStateAndEvent) {
  std::set<std::pair<S, E>> pairs;
  for (const auto& c : kTable) pairs.insert({c.from, c.event});
  EXPECT_EQ(pairs.size(), kAllStates.size() * kAllEventKinds.size());
  EXPECT_EQ(kTable.size(), pairs.size());
}

TEST(QueueStateMachine, EveryTransitionAndRefusal) {
  for (const auto& c : kTable) {
    SCOPED_TRACE(trace(c));
    const Result<QueueState> r = apply_event(c.from, c.event);
    const Findings f = check_event(c.from, c.event);
    if (c.to) {
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(*r, *c.to);
      EXPECT_TRUE(f.empty());
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, c.refusal);
      EXPECT_EQ(r.error().kind, ErrorKind::invalid);
      ASSERT_EQ(f.size(), 1u);
      EXPECT_EQ(f[0].code, c.refusal);
      EXPECT_EQ(f[0].field, "queue");
      EXPECT_EQ(f[0].severity, Severity::error);
      EXPECT_EQ(r.error().message, f[0].en);
    }
  }
}

TEST(QueueStateMachine, RefusalsAreBilingual) {
  std::set<std::string> codes;
  for (const auto& c : kTable) {
    if (c.to) continue;
    SCOPED_TRACE(trace(c));
    const Finding f = check_event(c.from, c.event).at(0);
    EXPECT_FALSE(f.id.empty());
    EXPECT_FALSE(f.en.empty());
    EXPECT_NE(f.id, f.en);
    codes.insert(f.code);
  }
  EXPECT_EQ(codes.size(), 10u);  // every documented refusal code occurs
}

TEST(QueueStateMachine, CannotCancelOnceServedSaysSo) {
  const Finding f = check_event(S::serving, E::cancel).at(0);
  EXPECT_EQ(f.code, "queue.cancel_after_service");
  EXPECT_NE(f.id.find("tidak dapat dibatalkan"), std::string::npos);
  EXPECT_NE(f.en.find("cannot be cancelled"), std::string::npos);
}

TEST(QueueStateMachine, AllowedEventsMatchTheTable) {
  for (S s : kAllStates) {
    SCOPED_TRACE(state_code(s));
    std::vector<E> expected;
    for (const auto& c : kTable) {
      if (c.from == s && c.to) expected.push_back(c.event);
    }
    EXPECT_EQ(allowed_events(s), expected);
    EXPECT_EQ(is_terminal(s), expected.empty());
  }
}

TEST(QueueStateMachine, RecallAndSkippedListWalkthrough) {
  S s = S::waiting;
  for (E e : {E::call, E::recall, E::recall, E::skip, E::recall, E::serve, E::done}) {
    auto r = apply_event(s, e);
    ASSERT_TRUE(r.ok()) << event_code(e) << " in " << state_code(s);
    s = *r;
  }
  EXPECT_EQ(s, S::done);
}

TEST(QueueTypes, CodesRoundTrip) {
  for (S s : kAllStates) EXPECT_EQ(parse_state(state_code(s)), s);
  for (E e : kAllEventKinds) EXPECT_EQ(parse_event(event_code(e)), e);
  for (Priority p : {Priority::regular, Priority::priority}) {
    EXPECT_EQ(parse_priority(priority_code(p)), p);
    EXPECT_EQ(parse_priority(priority_letter(p)), p);
  }
  for (Source s : {Source::kiosk, Source::desk, Source::mobile_jkn})
    EXPECT_EQ(parse_source(source_code(s)), s);
  EXPECT_STREQ(state_code(S::no_show), "no_show");
  EXPECT_STREQ(source_code(Source::mobile_jkn), "mobile_jkn");
  EXPECT_STREQ(priority_letter(Priority::priority), "B");
  EXPECT_STREQ(state_label_id(S::called), "Dipanggil");
}

TEST(QueueTypes, UnknownCodesAreNotGuessed) {
  EXPECT_FALSE(parse_state("Waiting").has_value());
  EXPECT_FALSE(parse_state("").has_value());
  EXPECT_FALSE(parse_event("finish").has_value());
  EXPECT_FALSE(parse_priority("C").has_value());
  EXPECT_FALSE(parse_source("web").has_value());
}

TEST(QueueTypes, CancelledIsTheOnlyStateThatFreesTheBooking) {
  for (S s : kAllStates) EXPECT_EQ(holds_booking(s), s != S::cancelled) << state_code(s);
}
