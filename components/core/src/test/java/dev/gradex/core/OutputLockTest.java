package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {
  @TempDir Path tmp;

  /** A child JVM holding the lock on {@code dir}, returned once it has it. */
  private static Process holder(Path dir) throws Exception {
    Process p = child(dir);
    assertThat(firstLine(p)).isEqualTo("locked");
    return p;
  }

  private static String firstLine(Process p) throws Exception {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
  }

  private static Process child(Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OutputLockHolder.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return p;
  }

  @Test
  void secondWriterInAnotherProcessIsRefusedNamingDirectoryAndHolderPid() throws Exception {
    Path out = tmp.resolve("out");
    Process p = holder(out);
    try {
      assertThatThrownBy(() -> OutputLock.acquire(out))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith(out + ": is being written by another gradex run (pid " + p.pid())
          .hasMessageContaining(", started 20");
      // the loser wrote nothing: only the holder's lock file is there
      try (var files = Files.list(out)) {
        assertThat(files.map(f -> f.getFileName().toString())).containsExactly(OutputLock.FILE);
      }
    } finally {
      p.getOutputStream().close();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(p.exitValue()).isZero();
    // released after the holder closed it
    try (OutputLock lock = OutputLock.acquire(out)) {
      assertThat(Files.readString(out.resolve(OutputLock.FILE)))
          .isEqualTo(
              "pid "
                  + ProcessHandle.current().pid()
                  + ", started "
                  + ProcessHandle.current().info().startInstant().orElseThrow()
                  + "\n");
    }
  }

  @Test
  void lockOfAHolderKilledWithSigkillIsFreeAgain() throws Exception {
    Path out = tmp.resolve("out");
    Process p = holder(out);
    assertThatThrownBy(() -> OutputLock.acquire(out)).isInstanceOf(InvalidInputException.class);
    p.destroyForcibly(); // SIGKILL: no close, no shutdown hook
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(out.resolve(OutputLock.FILE))).isTrue(); // the stale file stays
    try (OutputLock lock = OutputLock.acquire(out)) {
      assertThat(lock).isNotNull();
    }
  }

  @Test
  void secondLockInTheSameProcessIsRefusedWithoutLosingTheFirst() throws Exception {
    Path out = tmp.resolve("a/b");
    try (OutputLock first = OutputLock.acquire(out)) {
      assertThatThrownBy(() -> OutputLock.acquire(out))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(
              out
                  + ": is being written by another gradex run (this process, pid "
                  + ProcessHandle.current().pid()
                  + "); wait for it to finish or choose another output directory");
      // the refusal did not drop this process's OS lock: another process is still refused
      Process p = child(out);
      assertThat(firstLine(p))
          .startsWith("refused: " + out + ": is being written by another gradex run (pid ")
          .contains(Long.toString(ProcessHandle.current().pid()));
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(2);
    }
    assertThat(out).doesNotExist(); // created by the lock, left empty: removed on release
    Files.createDirectories(out.resolve("keep"));
    try (OutputLock again = OutputLock.acquire(out)) {
      assertThat(out.resolve(OutputLock.FILE)).isRegularFile();
    }
    // a directory the lock did not create, or one with output in it, stays without the lock file
    try (var files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("keep");
    }
  }

  @Test
  void lockFileIsNotPartOfTheTreeDigest() throws Exception {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("x.txt"), "x");
    String before = TreeDigest.of(out);
    try (OutputLock lock = OutputLock.acquire(out)) {
      assertThat(TreeDigest.of(out)).isEqualTo(before);
    }
  }
}
