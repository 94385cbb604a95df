package dev.gradex.model;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Keeps the JVM from exiting while a thread runs libtorch (issue 18's SIGSEGV in {@code
 * at::accelerator::getAccelerator} during backward). When the JVM is asked to exit (SIGTERM,
 * SIGINT, {@code System.exit} from another thread) it runs its shutdown hooks and then the C {@code
 * exit()}, which runs the static destructors of every loaded library, libtorch's hook registries
 * among them, while a thread in native code keeps running: the next registry read is a null
 * dereference. This guard's shutdown hook closes a gate and waits, at most a bounded time, until no
 * thread is inside a {@link #enter() section}; a thread then parks in Java when it next enters a
 * section or leaves its outermost one, so the JVM exits under it while it is in Java, never in
 * libtorch.
 *
 * <p>Sections are reentrant per thread (an evaluation batch inside a guarded epoch end) and cost a
 * short synchronized block at the outermost level only. Work done outside any section may still be
 * in native code when the JVM exits; model code keeps its long native work (training steps,
 * evaluation batches, gradient batches, checkpoint and adapter writes) inside sections, and never
 * enters one while holding a lock that another shutdown hook could need.
 */
public final class NativeExitGuard {
  /** How long the shutdown hook waits for sections to end before it lets the JVM exit anyway. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private static final NativeExitGuard PROCESS = new NativeExitGuard(DEFAULT_WAIT, System.err);
  private static boolean installed;

  private final Duration wait;
  private final PrintStream messages;
  private final Object lock = new Object();
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
  private boolean closed;
  private int active;

  NativeExitGuard(Duration wait, PrintStream messages) {
    this.wait = wait;
    this.messages = messages;
  }

  /** Registers the process guard's shutdown hook, once; called when the engine starts. */
  static synchronized void install() {
    if (!installed) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(PROCESS::closeAndAwait, "gradex-native-exit-guard"));
      installed = true;
    }
  }

  /** Whether the process guard's shutdown hook is registered. */
  static synchronized boolean installed() {
    return installed;
  }

  /**
   * Enters a section of the process guard for the caller's native work; close it when the work and
   * every tensor it frees are done (use try-with-resources, outermost). Blocks for good when the
   * JVM is exiting.
   */
  public static Section enter() {
    return PROCESS.section();
  }

  /** An entered section; {@link #close()} leaves it. Not to be shared between threads. */
  public interface Section extends AutoCloseable {
    /** Leaves the section; at the outermost level, blocks for good when the JVM is exiting. */
    @Override
    void close();
  }

  Section section() {
    int[] d = depth.get();
    if (d[0] == 0) {
      synchronized (lock) {
        parkWhileClosed();
        active++;
      }
    }
    d[0]++;
    return new Entered();
  }

  /** One entry; closing it twice leaves once. */
  private final class Entered implements Section {
    private boolean left;

    @Override
    public void close() {
      if (!left) {
        left = true;
        leave();
      }
    }
  }

  private void leave() {
    int[] d = depth.get();
    if (d[0] <= 0) {
      throw new IllegalStateException("left a native section that was not entered");
    }
    if (--d[0] > 0) {
      return;
    }
    synchronized (lock) {
      active--;
      lock.notifyAll();
      parkWhileClosed();
    }
  }

  /** Waits on the lock for as long as the gate is closed, which is for good. */
  private void parkWhileClosed() {
    while (closed) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        // an exiting JVM: keep the thread out of native code; the exit ends it
      }
    }
  }

  /**
   * Closes the gate and waits until no thread is inside a section, at most the guard's wait.
   *
   * @return whether every section ended in time
   */
  boolean closeAndAwait() {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (lock) {
      closed = true;
      if (active > 0) {
        messages.println(
            "gradex: stopping: waiting for "
                + active
                + " native step(s) to finish (at most "
                + wait.toSeconds()
                + " s)");
        messages.flush();
      }
      long left;
      while (active > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return active == 0;
    }
  }

  /** Threads inside a section now (for tests). */
  int active() {
    synchronized (lock) {
      return active;
    }
  }
}
