#pragma once
// The "needs attention" list: ops the server rejected (with its reason). They never block later ops.
// A fixed op is re-sent as a NEW op (new seq, new HLC): the server recorded its verdict under the old
// key and answers a replay of that key with the same rejection. Both actions are audited with who did it.
#include <cstdint>
#include <vector>

#include "simpul/core/result.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/status.hpp"

namespace simpul::sync {

class NeedsAttention {
 public:
  explicit NeedsAttention(storage::Replica& replica) : replica_(replica) {}

  Result<std::vector<RejectedOp>> list(std::size_t limit = 500);
  // Queues the rejected op again as a new op carrying the record's CURRENT values of the fields it wrote
  // (so fix the record first, then resend), shows it locally, and retires the old op (state discarded,
  // result "resent:<new seq>"). Returns the new seq.
  Result<std::int64_t> resend(std::int64_t seq, const storage::Actor& who);
  // Drops the rejected op. The local row may still show the refused values, so the next sync compares
  // digests and repairs from the server.
  Status discard(std::int64_t seq, const storage::Actor& who);

 private:
  storage::Replica& replica_;
};

}  // namespace simpul::sync
