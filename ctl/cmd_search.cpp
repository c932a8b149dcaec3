// simpulctl search: find participants by NIK, card number (or their prefixes) or name words.
#include <ostream>

#include "commands.hpp"
#include "participant_view.hpp"
#include "simpul/storage/codec.hpp"
#include "simpul/storage/participants.hpp"

namespace simpul::ctl {
namespace {

constexpr std::size_t kMaxLimit = 1000;

Status run_search(Context& ctx) {
  std::string query;
  for (const auto& w : ctx.args().positional()) query += (query.empty() ? "" : " ") + w;
  if (query.empty()) return usage_error("search needs a QUERY (NIK, card number or name)");
  auto limit = count_option(ctx.args(), "limit", 20, kMaxLimit);
  if (!limit.ok()) return limit.error();
  auto offset = count_option(ctx.args(), "offset", 0, 100'000'000);
  if (!offset.ok()) return offset.error();
  auto replica = ctx.replica();
  if (!replica.ok()) return replica.error();
  auto page = storage::Participants(**replica).search(query, *limit, *offset);
  if (!page.ok()) return page.error();
  if (ctx.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : page->items) out.push_back(storage::to_json(p));
    ctx.print_json(out);
    return {};
  }
  if (page->items.empty()) {
    ctx.out() << ctx.tr({"No participant matches.", "Tidak ada peserta yang cocok."}) << '\n';
    return {};
  }
  print_participant_table(ctx.out(), page->items);
  if (page->more) {
    ctx.out() << ctx.tr("More results: add --offset " + std::to_string(*offset + *limit),
                        "Masih ada hasil lain: tambahkan --offset " + std::to_string(*offset + *limit))
              << '\n';
  }
  return {};
}

}  // namespace

Command search_command() {
  Command c;
  c.name = "search";
  c.summary = "Find participants by NIK, card number or name (prefixes work)";
  c.usage = "--db FILE QUERY... [--limit N] [--offset N] [--json]";
  c.options = {{"limit", "N", "at most N results (default 20, at most 1000)"},
               {"offset", "N", "skip the first N results (paging)"}};
  c.details =
      "16 digits look up a NIK exactly; other digits are a NIK or card-number prefix; anything else is\n"
      "name words, each a prefix (case- and accent-insensitive). --json prints an array of participants.\n\n"
      "Examples:\n"
      "  simpulctl search --db replica.db siti nur\n"
      "  simpulctl search --db replica.db 3204 --limit 5 --json\n"
      "  simpulctl search --db replica.db 0001234567890 --json\n";
  c.max_words = 16;
  c.run = run_search;
  return c;
}

}  // namespace simpul::ctl
