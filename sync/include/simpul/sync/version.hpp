#pragma once
namespace simpul::sync {
// Bumped when the wire format changes incompatibly; see docs/SYNC_PROTOCOL.md.
inline constexpr int kProtocolVersion = 1;
const char* protocol_name();
}  // namespace simpul::sync
