#include "shell/options.hpp"

#include <charconv>
#include <vector>

namespace simpul::shell {
namespace {

Error invalid(std::string message) { return make_error(ErrorKind::invalid, "cli.invalid", std::move(message)); }

std::optional<int> parse_int(std::string_view s, int min, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace

Result<Options> parse_options(std::span<const char* const> args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::optional<std::string_view> inline_value;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    // The value of an option that takes one: after '=' or the next argument.
    auto value = [&]() -> std::optional<std::string_view> {
      if (inline_value) return inline_value;
      if (i + 1 < args.size()) return std::string_view(args[++i]);
      return std::nullopt;
    };
    auto flag = [&](bool& target) -> Status {
      if (inline_value) return invalid(std::string(arg) + " takes no value");
      target = true;
      return {};
    };
    Status status;
    if (arg == "--help" || arg == "-h") {
      status = flag(options.help);
    } else if (arg == "--kiosk") {
      status = flag(options.kiosk);
    } else if (arg == "--display") {
      status = flag(options.display);
    } else if (arg == "--db" || arg == "--lang" || arg == "--user" || arg == "--screenshot" || arg == "--screen" ||
               arg == "--frames" || arg == "--size" || arg == "--participant" || arg == "--query") {
      auto v = value();
      if (!v || v->empty()) return invalid(std::string(arg) + " needs a value");
      if (arg == "--db") {
        options.db = std::filesystem::path(*v);
      } else if (arg == "--lang") {
        if (*v != "id" && *v != "en") return invalid("--lang must be id or en, not '" + std::string(*v) + "'");
        options.language = std::string(*v);
      } else if (arg == "--user") {
        options.user = std::string(*v);
      } else if (arg == "--screenshot") {
        options.screenshot = std::filesystem::path(*v);
      } else if (arg == "--screen") {
        options.screen = std::string(*v);
      } else if (arg == "--participant") {
        options.participant = std::string(*v);
      } else if (arg == "--query") {
        options.query = std::string(*v);
      } else if (arg == "--frames") {
        auto n = parse_int(*v, 1, 10000);
        if (!n) return invalid("--frames must be a number from 1 to 10000, not '" + std::string(*v) + "'");
        options.frames = *n;
      } else {  // --size WxH
        const auto x = v->find('x');
        auto w = x == std::string_view::npos ? std::nullopt : parse_int(v->substr(0, x), 64, 16384);
        auto h = x == std::string_view::npos ? std::nullopt : parse_int(v->substr(x + 1), 64, 16384);
        if (!w || !h) return invalid("--size must look like 1280x800, not '" + std::string(*v) + "'");
        options.width = *w;
        options.height = *h;
      }
    } else {
      return invalid("unknown argument '" + std::string(args[i]) + "'");
    }
    if (!status.ok()) return status.error();
  }
  return options;
}

std::string usage_text() {
  return R"(Usage: simpul [options]

Simpul: JKN-KIS registration desk, kiosk and queue display; works offline and syncs when online.

Options:
  --db FILE              local replica (default: ~/.local/share/simpul/replica.db)
  --kiosk                fullscreen self-service kiosk
  --display              waiting-room queue display
  --lang id|en           interface language (default: id, Bahasa Indonesia)
  --user NAME            user name to preselect on the login screen; with --screenshot, the user
                         to sign in as (password from the SIMPUL_PASSWORD environment variable)
  --screen NAME          screen to open first (after signing in for staff screens):
                         login (default), about, search, participant, sync, registration,
                         change, admin, queue_desk, poli, visit, screening, complaints,
                         locator, info, reports; kiosk and display are the public
                         screens of --kiosk and --display (no sign-in), kiosk_screening
                         the kiosk's screening (screenshots), kiosk_info and
                         kiosk_locator its program information and facility pages
  --participant ID       the participant the participant/change/queue_desk/visit/screening
                         screens open (a kiosk screenshot: that person at the poli step)
  --query TEXT           text typed into the search field at start (a kiosk screenshot:
                         digits scanned; visit: the diagnosis search; screening:
                         "question_id=value ..."; kiosk_screening: N answered, or "all";
                         reports: the report shown first, e.g. waits)
  --screenshot OUT.png   render a few frames offscreen, write them as a PNG and exit
                         (needs a display; under CI use xvfb-run). Staff screens need
                         --user and SIMPUL_PASSWORD: nothing bypasses signing in
  --frames N             frames to render before the screenshot (default: 3)
  --size WxH             window or screenshot size in pixels (default: 1280x800)
  -h, --help             show this text and exit

Exit status: 0 ok, 1 runtime error, 2 bad command line, 3 no display, 4 sign-in failed.
)";
}

}  // namespace simpul::shell
