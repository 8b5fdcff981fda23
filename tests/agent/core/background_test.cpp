// Tests for agent/core/background: work started in the background runs with
// its own arguments however quickly threads come and go (the winpthreads
// reuse race of std::thread::detach gave a new thread a NULL argument), a hung
// one holds nobody, and an exception in one ends nothing.
#include "agent/core/background.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace sc;

namespace {

// Waits until `n` reaches `want` or 30 s have passed.
bool wait_for_count(std::atomic<int>& n, int want) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (n.load() < want && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return n.load() == want;
}

}  // namespace

TEST_CASE("start_background") {
  SUBCASE("many short threads, each with its own argument") {
    constexpr int kThreads = 1000;
    std::vector<std::atomic<int>> seen(kThreads);
    std::atomic<int> ran{0};
    for (int i = 0; i < kThreads; ++i) {
      start_background([i, &seen, &ran] {
        seen[i].fetch_add(1);
        ran.fetch_add(1);
      });
      if (i % 7 == 0) std::this_thread::yield();  // let some end before the next starts
    }
    REQUIRE(wait_for_count(ran, kThreads));
    int once = 0;
    for (auto& s : seen) once += s.load() == 1;
    CHECK(once == kThreads);
  }
  SUBCASE("a hung thread holds neither the caller nor the next thread") {
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    std::atomic<int> ran{0};
    auto start = std::chrono::steady_clock::now();
    start_background([&] {
      {
        std::unique_lock<std::mutex> g(m);
        cv.wait(g, [&] { return release; });
      }
      ran.fetch_add(1);  // the last touch of this subcase's locals
    });
    start_background([&] { ran.fetch_add(1); });
    CHECK(wait_for_count(ran, 1));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    {
      std::lock_guard<std::mutex> g(m);
      release = true;
    }
    cv.notify_all();
    CHECK(wait_for_count(ran, 2));  // (and it is joined by a later start)
  }
  SUBCASE("an exception in the work ends neither the thread's list nor the process") {
    std::atomic<int> ran{0};
    start_background([] { throw std::runtime_error("boom"); });
    start_background([&] { ran.fetch_add(1); });
    CHECK(wait_for_count(ran, 1));
  }
}
