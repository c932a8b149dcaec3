#pragma once
// Wire encoding: cereal portable binary archives, deflated with zlib. Both ways.
#include <string>

#include "simpul/core/result.hpp"
#include "simpul/sync/protocol.hpp"

namespace simpul::sync {

Result<std::string> deflate_bytes(const std::string& raw, int level = 6);
Result<std::string> inflate_bytes(const std::string& compressed, std::size_t max_size = 256u << 20);

template <class T>
std::string encode(const T& message);
template <class T>
Result<T> decode(const std::string& body);

}  // namespace simpul::sync
