package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.OutputLock;
import dev.gradex.core.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code gradex estimate-subsets} processes into one {@code --out} at once (issue 18, Faults):
 * the first to lock it wins and writes exactly what a lone run writes; the second exits 2 at once
 * naming the directory and the winner's pid, having written nothing. Real child JVMs, since the
 * guarantee rests on an OS file lock.
 */
class ConcurrentWritersIT {
  private static final List<String> JVM = List.of("-Xmx512m");

  @TempDir static Path dir;
  static Path store;
  static Path reference;

  @BeforeAll
  static void storeAndLoneRun() throws Exception {
    store = Cli.synthStore(dir.resolve("store"), 20_000, 14, 64, 3, 7);
    reference = dir.resolve("reference");
    Cli.Outcome lone = Cli.runChild(JVM, dir.resolve("reference.log"), 5, args(reference));
    assertThat(lone.exitCode()).as(lone.stdout()).isZero();
  }

  private static String[] args(Path out) {
    return new String[] {
      "estimate-subsets",
      "--store",
      store.toString(),
      "--out",
      out.toString(),
      "--subsets",
      "3000",
      "--seed",
      "11",
      "--threads",
      "1"
    };
  }

  @Test
  void secondEstimateIntoTheSameOutExitsTwoAndTheFirstWritesALoneRunsOutput() throws Exception {
    Path out = dir.resolve("out");
    Process first = Cli.start(JVM, dir.resolve("first.log"), args(out));
    Path lock = out.resolve(OutputLock.FILE);
    awaitLock(first, out, dir.resolve("first.log"));

    Cli.Outcome second = Cli.runChild(JVM, dir.resolve("second.log"), 2, args(out));
    boolean firstStillRunning = first.isAlive();

    assertThat(second.exitCode()).as(second.stdout()).isEqualTo(2);
    assertThat(second.stdout())
        .contains(
            out + ": is being written by another gradex run (pid " + first.pid() + ", started 20")
        .contains("wait for it to finish or choose another output directory")
        .doesNotContain("Exception");
    assertThat(firstStillRunning).as("the second was refused while the first ran").isTrue();

    assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
    assertThat(lock).as("released and removed").doesNotExist();
    assertThat(TreeDigest.of(out)).isEqualTo(TreeDigest.of(reference));
    assertThat(Files.readString(out.resolve("selection.json")))
        .isEqualTo(Files.readString(reference.resolve("selection.json")));
  }

  @Test
  void secondGradexRunOnOneConfigExitsTwoWithoutTouchingTheFirstsRun() throws Exception {
    Path runDir = dir.resolve("run");
    Path yaml = MiniatureRun.fourSources(200, 1).write(runDir);
    Path out = runDir.resolve("out");
    Process first = Cli.start(JVM, dir.resolve("run-first.log"), "run", yaml.toString());
    try {
      awaitLock(first, out, dir.resolve("run-first.log"));
      Cli.Outcome second =
          Cli.runChild(JVM, dir.resolve("run-second.log"), 2, "run", yaml.toString());
      assertThat(first.isAlive()).as("the second was refused while the first ran").isTrue();
      assertThat(second.exitCode()).as(second.stdout()).isEqualTo(2);
      assertThat(second.stdout())
          .contains(out + ": is being written by another gradex run (pid " + first.pid() + ", ")
          .doesNotContain("base model")
          .doesNotContain("Exception");
      // the lock still names the first run: the second did not overwrite it
      assertThat(Files.readString(out.resolve(OutputLock.FILE)))
          .startsWith("pid " + first.pid() + ",");
    } finally {
      first.destroyForcibly(); // the rest of the first run is LocalRunIT's business
      assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }
  }

  /** Waits until {@code p} holds (and has recorded itself in) the lock of {@code out}. */
  private static void awaitLock(Process p, Path out, Path log) throws Exception {
    Path lock = out.resolve(OutputLock.FILE);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!(Files.isRegularFile(lock) && Files.size(lock) > 0)) {
      assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
      assertThat(System.nanoTime()).as("the first run never locked " + out).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
