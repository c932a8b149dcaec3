#pragma once
// Client-generated ids: UUIDv7 (time-ordered, random tail), as lowercase canonical text.
#include <cstdint>
#include <string>

namespace simpul {

class Clock;

std::string uuid_v7(const Clock& clock);
bool is_uuid(const std::string& text);

}  // namespace simpul
