#include "simpul/core/result.hpp"

namespace simpul {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid: return "invalid";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::transient: return "transient";
    case ErrorKind::permanent: return "permanent";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::corrupt: return "corrupt";
    case ErrorKind::unauthorized: return "unauthorized";
  }
  return "unknown";
}

}  // namespace simpul
