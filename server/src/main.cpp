#include <cstdio>
int main() {
  std::puts("simpul-server: not built yet");
  return 1;
}
