#pragma once
// How to pay the premium, per channel: assets/info/payment_guide.<language>.json (our own wording).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "simpul/core/result.hpp"

namespace simpul::context {

struct PaymentChannel {
  std::string id;
  std::string name;
  std::vector<std::string> steps;  // "{va}" stands for the participant's VA number
};

struct PaymentGuide {
  std::string note;
  std::vector<PaymentChannel> channels;
};

Result<PaymentGuide> load_payment_guide(const std::filesystem::path& asset_dir, std::string_view language);

// Replaces every "{va}" in `step`.
std::string fill_va(std::string step, std::string_view va_number);

}  // namespace simpul::context
