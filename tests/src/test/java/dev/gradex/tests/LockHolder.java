package dev.gradex.tests;

import dev.gradex.core.OutputLock;
import java.nio.file.Path;

/**
 * A child process for {@link SecondWriterIT}: takes the {@link OutputLock} of {@code args[0]} as a
 * first writer would, says {@code locked}, and holds it until its stdin closes.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (OutputLock lock = OutputLock.acquire(Path.of(args[0]))) {
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }
}
