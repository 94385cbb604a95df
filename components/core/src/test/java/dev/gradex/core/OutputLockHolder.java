package dev.gradex.core;

/**
 * A child process for {@link OutputLockTest}: locks {@code args[0]} and says {@code locked}, then
 * holds it until its stdin closes (or it is killed); or says {@code refused: <message>} and exits
 * 2.
 */
public final class OutputLockHolder {
  private OutputLockHolder() {}

  public static void main(String[] args) throws Exception {
    OutputLock lock;
    try {
      lock = OutputLock.acquire(java.nio.file.Path.of(args[0]));
    } catch (InvalidInputException e) {
      System.out.println("refused: " + e.getMessage());
      System.exit(2);
      return;
    }
    try (lock) {
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }
}
