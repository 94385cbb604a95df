package dev.gradex.watch;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per state location in this JVM, for {@link StateStore#exclusively}. */
final class PassLocks {
  private static final ConcurrentMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private PassLocks() {}

  static <T> T inThisJvm(String key, StateStore.Pass<T> pass) throws IOException {
    ReentrantLock lock = LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      return pass.run();
    } finally {
      lock.unlock();
    }
  }
}
