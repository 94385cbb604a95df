package dev.gradex.core;

/** A child process for {@link OutputLockTest}: locks {@code args[0]}, says so, waits for stdin. */
public final class OutputLockHolder {
  private OutputLockHolder() {}

  public static void main(String[] args) throws Exception {
    try (OutputLock lock = OutputLock.acquire(java.nio.file.Path.of(args[0]))) {
      System.out.println("locked");
      System.out.flush();
      System.in.read(); // released when the parent closes our stdin (or kills us)
    }
  }
}
