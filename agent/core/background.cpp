// start_background: joinable threads kept in one process-wide list (see
// background.hpp for why not std::thread::detach).
#include "agent/core/background.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace sc {

namespace {

struct Running {
  std::thread thread;
  std::shared_ptr<std::atomic<bool>> done;
};

struct List {
  std::mutex m;
  std::vector<Running> threads;
};

// Never destroyed: a thread still running at exit must not be a joinable
// std::thread being destroyed (std::terminate).
List& list() {
  static List* l = new List;
  return *l;
}

}  // namespace

void start_background(std::function<void()> work) {
  auto done = std::make_shared<std::atomic<bool>>(false);
  std::thread t([work = std::move(work), done] {
    try {
      work();
    } catch (...) {
      // The caller hears of it through what `work` shares with it.
    }
    done->store(true);
  });
  List& l = list();
  std::vector<Running> finished;
  {
    std::lock_guard<std::mutex> g(l.m);
    for (auto it = l.threads.begin(); it != l.threads.end();) {
      if (it->done->load()) {
        finished.push_back(std::move(*it));
        it = l.threads.erase(it);
      } else {
        ++it;
      }
    }
    l.threads.push_back({std::move(t), std::move(done)});
  }
  for (auto& r : finished) r.thread.join();  // their work is over: only the thread's own exit is waited for
}

}  // namespace sc
