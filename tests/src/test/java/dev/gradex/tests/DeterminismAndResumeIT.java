package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed gives byte-identical outputs whatever the thread count; a run killed midway and
 * rerun resumes from its journal and ends with the same bytes; a complete output is not recomputed.
 */
class DeterminismAndResumeIT {
  private static final List<String> FILES =
      List.of(
          "subsets.csv",
          "scores.csv",
          "surrogate.csv",
          "selection.json",
          "fastpath.json",
          "manifest.json");

  @TempDir static Path dir;
  static Path store;

  @BeforeAll
  static void writeStore() {
    store = dir.resolve("store");
    Cli.synthStore(store, 8000, 50, 100, 5, 5);
  }

  private static Cli.Outcome estimate(Path out, int threads, int subsets) {
    return Cli.run(
        "estimate-subsets",
        "--store",
        store.toString(),
        "--out",
        out.toString(),
        "--subsets",
        String.valueOf(subsets),
        "--seed",
        "9",
        "--threads",
        String.valueOf(threads),
        "--quiet");
  }

  @Test
  void oneAndTwoThreadsGiveIdenticalBytes() throws Exception {
    Path one = dir.resolve("t1");
    Path two = dir.resolve("t2");
    assertThat(estimate(one, 1, 200).exitCode()).isZero();
    assertThat(estimate(two, 2, 200).exitCode()).isZero();
    for (String f : FILES) {
      assertThat(Files.readAllBytes(two.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(one.resolve(f)));
    }
  }

  @Test
  void completeOutputIsLeftAsIs() throws Exception {
    Path out = dir.resolve("again");
    assertThat(estimate(out, 2, 100).exitCode()).isZero();
    long before = Files.getLastModifiedTime(out.resolve("subsets.csv")).toMillis();
    Thread.sleep(20);
    Cli.Outcome again = estimate(out, 2, 100);
    assertThat(again.exitCode()).isZero();
    assertThat(Files.getLastModifiedTime(out.resolve("subsets.csv")).toMillis()).isEqualTo(before);
  }

  @Test
  void killedRunResumesAndEndsWithTheSameBytes() throws Exception {
    int subsets = 3000;
    Path reference = dir.resolve("uninterrupted");
    assertThat(estimate(reference, 2, subsets).exitCode()).isZero();

    Path out = dir.resolve("killed");
    Path journal = out.resolve(".partial/subsets.journal");
    Process p =
        Cli.start(
            List.of("-Xmx512m"),
            dir.resolve("killed.log"),
            "estimate-subsets",
            "--store",
            store.toString(),
            "--out",
            out.toString(),
            "--subsets",
            String.valueOf(subsets),
            "--seed",
            "9",
            "--threads",
            "2",
            "--quiet");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (lines(journal) < 200 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("run still going when killed").isTrue();
    p.destroyForcibly().waitFor();
    long journaled = lines(journal);
    assertThat(journaled).isBetween(2L, (long) subsets);
    assertThat(out.resolve("manifest.json")).doesNotExist();
    assertThat(out.resolve("selection.json")).doesNotExist();

    assertThat(estimate(out, 1, subsets).exitCode()).isZero();
    for (String f : FILES) {
      assertThat(Files.readAllBytes(out.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(reference.resolve(f)));
    }
    assertThat(out.resolve(".partial")).doesNotExist();
  }

  private static long lines(Path file) throws Exception {
    if (!Files.exists(file)) {
      return 0;
    }
    try (Stream<String> s = Files.lines(file)) {
      return s.count() - 1;
    } catch (java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
