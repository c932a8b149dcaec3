#include "simpul/sync/wire.hpp"

#include <zlib.h>

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <algorithm>
#include <sstream>

namespace simpul::sync {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::applied: return "applied";
    case Verdict::duplicate: return "duplicate";
    case Verdict::merged: return "merged";
    case Verdict::rejected: return "rejected";
  }
  return "unknown";
}

template <class A> void serialize(A& a, EnrollRequest& m) { a(m.facility, m.code, m.install_id, m.device_name); }
template <class A> void serialize(A& a, EnrollResponse& m) { a(m.device_id, m.token, m.facility_name, m.server_time_ms); }
template <class A> void serialize(A& a, WireOp& m) {
  a(m.seq, m.op_id, m.entity, m.entity_id, m.kind, m.fields, m.hlc, m.user_id, m.base_cursor);
}
template <class A> void serialize(A& a, PushRequest& m) { a(m.client_time_ms, m.ops); }
template <class A> void serialize(A& a, OpResult& m) { a(m.seq, m.verdict, m.reason, m.canonical_id, m.winning); }
template <class A> void serialize(A& a, PushResponse& m) { a(m.server_time_ms, m.results); }
template <class A> void serialize(A& a, SnapshotPos& m) {
  a(m.active, m.entity_index, m.after_id, m.high_water, m.rows_done, m.rows_total);
}
template <class A> void serialize(A& a, PullRequest& m) { a(m.cursor, m.snapshot, m.max_rows, m.max_bytes); }
template <class A> void serialize(A& a, WireRow& m) { a(m.id, m.kind, m.hlc, m.values, m.null_mask, m.canonical_id); }
template <class A> void serialize(A& a, EntityBlock& m) { a(m.entity, m.columns, m.rows); }
template <class A> void serialize(A& a, PullResponse& m) {
  a(m.blocks, m.cursor, m.snapshot, m.more, m.reset_required, m.server_time_ms);
}
template <class A> void serialize(A& a, DigestRequest& m) { a(m.digest, m.bucket_digests); }
template <class A> void serialize(A& a, DigestResponse& m) {
  a(m.digest, m.equal, m.blocks, m.differing_buckets, m.cursor);
}

Result<std::string> deflate_bytes(const std::string& raw, int level) {
  // The window and hash table are sized to the message: compress2() always sets up zlib's largest state
  // (about 256 KiB, allocated and cleared on every call), which cost a poll answer of a few dozen bytes more
  // than the rest of the request (docs/PERFORMANCE.md). From 32 KiB on, the parameters are compress2()'s and
  // so is the output; any window size is a valid zlib stream for the receiver.
  int window_bits = 9;
  while (window_bits < 15 && (std::size_t{1} << window_bits) < raw.size() + 262) ++window_bits;
  const int mem_level = std::max(1, window_bits - 7);
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, window_bits, mem_level, Z_DEFAULT_STRATEGY) != Z_OK) {
    return make_error(ErrorKind::permanent, "wire.deflate", "compression failed");
  }
  // Prefix the raw size (8 bytes, little endian) so the receiver can bound and size its buffer.
  std::string out(8 + deflateBound(&z, static_cast<uLong>(raw.size())), '\0');
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((raw.size() >> (8 * i)) & 0xff);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data() + 8);
  z.avail_out = static_cast<uInt>(out.size() - 8);
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return make_error(ErrorKind::permanent, "wire.deflate", "compression failed");
  out.resize(8 + written);
  return out;
}

Result<std::string> inflate_bytes(const std::string& in, std::size_t max_size) {
  if (in.size() < 8) return make_error(ErrorKind::invalid, "wire.short", "message too short");
  std::uint64_t raw_size = 0;
  for (int i = 0; i < 8; ++i) {
    raw_size |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[static_cast<std::size_t>(i)])) << (8 * i);
  }
  if (raw_size > max_size) return make_error(ErrorKind::invalid, "wire.too_large", "message too large");
  std::string out(raw_size, '\0');
  uLongf size = static_cast<uLongf>(raw_size);
  const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(in.data() + 8),
                            static_cast<uLong>(in.size() - 8));
  if (rc != Z_OK || size != raw_size) return make_error(ErrorKind::invalid, "wire.inflate", "corrupt message body");
  return out;
}

template <class T>
std::string encode(const T& message) {
  std::ostringstream os(std::ios::binary);
  {
    cereal::PortableBinaryOutputArchive ar(os);
    ar(const_cast<T&>(message));  // cereal's save path does not modify
  }
  auto z = deflate_bytes(os.str());
  return z.ok() ? std::move(z).value() : std::string();
}

template <class T>
Result<T> decode(const std::string& body) {
  auto raw = inflate_bytes(body);
  if (!raw.ok()) return raw.error();
  T message{};
  try {
    std::istringstream is(*raw, std::ios::binary);
    cereal::PortableBinaryInputArchive ar(is);
    ar(message);
  } catch (const std::exception& e) {
    return make_error(ErrorKind::invalid, "wire.decode", std::string("malformed message: ") + e.what());
  }
  return message;
}

#define SIMPUL_WIRE_MESSAGE(T)                 \
  template std::string encode<T>(const T&);    \
  template Result<T> decode<T>(const std::string&);
SIMPUL_WIRE_MESSAGE(EnrollRequest)
SIMPUL_WIRE_MESSAGE(EnrollResponse)
SIMPUL_WIRE_MESSAGE(PushRequest)
SIMPUL_WIRE_MESSAGE(PushResponse)
SIMPUL_WIRE_MESSAGE(PullRequest)
SIMPUL_WIRE_MESSAGE(PullResponse)
SIMPUL_WIRE_MESSAGE(DigestRequest)
SIMPUL_WIRE_MESSAGE(DigestResponse)
#undef SIMPUL_WIRE_MESSAGE

}  // namespace simpul::sync
