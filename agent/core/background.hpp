// Threads that may outlive the code that started them — a probe that hangs
// past the scan's deadline, a name lookup past its connect deadline — without
// std::thread::detach.
//
// Why not detach: in mingw-w64's winpthreads (Debian 12, 10.0), a thread that
// ends before its creator calls pthread_detach leaves its control block
// marked ended; pthread_detach then returns the block to the free list, but
// the ending thread still touches it on its way out (its TLS value was not
// cleared), and the next pthread_create reuses it. The new thread then started
// with a NULL argument: selfcheck.exe died with a page fault in libstdc++'s
// execute_native_thread_routine (reading address 0), seen as "exit 5" under
// wine in CI, only when the machine was loaded (the creator preempted
// between create and detach). winpthreads' thread.c: pthread_detach frees
// "if (tv->ended)"; pthread_create_wrapper leaves TlsSetValue(tv) for
// joinable threads.
//
// Here every thread stays joinable. Threads whose work is done are joined the
// next time one is started (pthread_join waits for the thread's exit to
// complete, so nothing is reused early); the rest are never destroyed, so a
// hung one neither holds the process nor ends it with std::terminate.
#pragma once
#include <functional>

namespace sc {

void start_background(std::function<void()> work);

}  // namespace sc
