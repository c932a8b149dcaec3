#include <cstdio>
int main() {
  std::puts("simpulctl: not built yet");
  return 1;
}
