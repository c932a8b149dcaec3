#include <cstdio>
int main() {
  std::puts("simpul: not built yet");
  return 1;
}
