#include "simpul/sync/version.hpp"
namespace simpul::sync {
const char* protocol_name() { return "simpul-sync"; }
}  // namespace simpul::sync
