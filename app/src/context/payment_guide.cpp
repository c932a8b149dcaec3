#include "context/payment_guide.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

namespace simpul::context {

Result<PaymentGuide> load_payment_guide(const std::filesystem::path& asset_dir, std::string_view language) {
  const auto file = asset_dir / "info" / ("payment_guide." + std::string(language) + ".json");
  std::ifstream in(file);
  if (!in) return make_error(ErrorKind::not_found, "guide.missing", "cannot open " + file.string());
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("channels"))
    return make_error(ErrorKind::corrupt, "guide.bad_json", file.string() + ": not a payment guide");
  PaymentGuide guide;
  guide.note = json.value("note", "");
  for (const auto& c : json["channels"]) {
    PaymentChannel channel{c.value("id", ""), c.value("name", ""), {}};
    if (c.contains("steps"))
      for (const auto& s : c["steps"])
        if (s.is_string()) channel.steps.push_back(s.get<std::string>());
    guide.channels.push_back(std::move(channel));
  }
  return guide;
}

std::string fill_va(std::string step, std::string_view va_number) {
  static constexpr std::string_view kSlot = "{va}";
  for (auto pos = step.find(kSlot); pos != std::string::npos; pos = step.find(kSlot, pos + va_number.size()))
    step.replace(pos, kSlot.size(), va_number);
  return step;
}

}  // namespace simpul::context
