#pragma once
// The demo generator's random numbers: xoshiro256** seeded with splitmix64. Written out here (rather than
// std::mt19937 + std::*_distribution) because the standard distributions differ between library
// implementations, and the demo must be identical for a seed everywhere.
#include <array>
#include <cstddef>
#include <cstdint>

namespace simpul::demo::detail {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // 0 <= x < n (n > 0). The modulo bias is far below anything a demo can show.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(below(n)); }
  // lo <= x <= hi
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }
  // True with probability percent/100.
  bool percent(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }

  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[index(N)];
  }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[index(N)];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// Picks an index by integer weights (e.g. percentages).
template <std::size_t N>
std::size_t weighted(Rng& rng, const std::array<int, N>& weights) {
  int total = 0;
  for (const int w : weights) total += w;
  int roll = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (std::size_t i = 0; i < N; ++i) {
    if (roll < weights[i]) return i;
    roll -= weights[i];
  }
  return N - 1;
}

}  // namespace simpul::demo::detail
