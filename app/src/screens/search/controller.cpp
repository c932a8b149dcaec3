#include "screens/search/controller.hpp"

#include "context/app_context.hpp"
#include "context/format.hpp"

namespace simpul::screens::search {

static_assert(shell::ScreenView<&draw, View, Form, Intents>);

Row to_row(const context::SearchHit& hit, bool full_nik) {
  Row row;
  row.id = hit.id;
  row.name = hit.name;
  row.nik = full_nik ? hit.nik : context::mask_nik(hit.nik);
  row.card_number = hit.card_number;
  row.birth_date = hit.birth_date;
  row.fktp = hit.fktp_name.empty() ? hit.fktp : hit.fktp_name + " (" + hit.fktp + ")";
  if (hit.verification == "pending") {
    row.status_key = "member.pending";
    row.status_ok = false;
  } else if (hit.verification == "rejected") {
    row.status_key = "member.rejected";
    row.status_ok = false;
  } else {
    row.status_key = hit.active ? "member.active" : "member.inactive";
    row.status_ok = hit.active;
  }
  if (!hit.sync_state.empty()) row.sync_key = "sync.state." + hit.sync_state;
  return row;
}

SearchScreen::SearchScreen(context::AppContext& app, std::string initial_query)
    : app_(app), service_(app, [this](context::SearchResult result) { receive(std::move(result)); }) {
  form_.query = std::move(initial_query);
  if (!form_.query.empty()) submit(0);
}

void SearchScreen::on_show() {
  form_.focus_pending = true;
  // Coming back from a participant page: its sync state or data may have changed.
  if (!form_.query.empty() && !rows_.empty()) submit(0);
}

void SearchScreen::submit(std::size_t offset) {
  if (offset == 0) ++generation_;
  waiting_ = true;
  service_.submit(context::SearchRequest{generation_, form_.query, offset, kPageSize});
}

void SearchScreen::receive(context::SearchResult result) {
  if (result.generation != generation_) return;  // an answer to a query the user has typed past
  waiting_ = false;
  failed_ = !result.error.empty();
  const bool full_nik = app_.session() != nullptr && app_.session()->user.role != Role::viewer;
  if (result.offset == 0) rows_.clear();
  if (result.offset != rows_.size()) return;  // a page that no longer fits (the list was reloaded)
  rows_.reserve(rows_.size() + result.hits.size());
  for (const auto& hit : result.hits) rows_.push_back(to_row(hit, full_nik));
  more_ = result.more;
}

void SearchScreen::frame(shell::ScreenContext& context) {
  View view;
  view.rows = rows_;
  view.searching = waiting_;
  view.more = more_;
  view.failed = failed_;
  view.can_register = app_.can(context::Permission::edit_participants);
  const Intents intents = draw(view, form_);

  if (intents.query_changed) {
    if (form_.query.empty()) {
      ++generation_;  // drop whatever is still on its way
      rows_.clear();
      more_ = waiting_ = failed_ = false;
    } else {
      submit(0);
    }
  }
  // Load the next page before the user reaches the end of what is loaded.
  if (intents.shown_end && more_ && !waiting_ && *intents.shown_end + kPageSize / 4 >= rows_.size())
    submit(rows_.size());
  if (intents.open && *intents.open < rows_.size()) {
    app_.selection().participant_id = rows_[*intents.open].id;
    context.navigator.open("participant");
  }
  if (intents.new_registration) {
    app_.selection().family_of.clear();
    context.navigator.open("registration");
  }
}

std::unique_ptr<shell::Screen> make_search_screen(const ScreenDeps& deps) {
  return std::make_unique<SearchScreen>(deps.app, deps.options.query.value_or(""));
}

}  // namespace simpul::screens::search
