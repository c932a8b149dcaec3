#include "simpul/core/queue/priority.hpp"

namespace simpul::queue {

Priority classify(const Date& birth, const Date& today, bool pregnant, bool disabled) {
  if (pregnant || disabled) return Priority::priority;
  if (birth.valid() && today.valid() && birth <= today) {
    const int age = birth.years_until(today);
    if (age >= kElderlyFromAge || age < kChildBelowAge) return Priority::priority;
  }
  return Priority::regular;
}

}  // namespace simpul::queue
