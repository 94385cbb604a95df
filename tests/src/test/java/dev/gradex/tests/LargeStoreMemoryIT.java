package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store larger than the heap: 2,000,000 examples x d = 200 (1.6 GB of features) is written and
 * estimated with {@code -Xmx1g}, because the store is memory-mapped and task blocks are streamed.
 * Prints the child JVM's peak resident set size, which BENCHMARKS.md records.
 */
class LargeStoreMemoryIT {
  @TempDir Path dir;

  @Test
  void twoMillionExampleStoreIsEstimatedWithOneGigabyteHeap() throws Exception {
    Path store = dir.resolve("big");
    Peak synth =
        run(
            List.of("-Xmx1g"),
            "synth-store",
            "--out",
            store.toString(),
            "--examples",
            "2000000",
            "--tasks",
            "100",
            "--dim",
            "200",
            "--helpful",
            "10",
            "--seed",
            "2",
            "--quiet");
    assertThat(Files.size(store.resolve("train.features.f32"))).isGreaterThan(1_600_000_000L);
    Path out = dir.resolve("out");
    Peak est =
        run(
            List.of("-Xmx1g"),
            "estimate-subsets",
            "--store",
            store.toString(),
            "--out",
            out.toString(),
            "--subsets",
            "10",
            "--select",
            "top-k:10",
            "--fast-path-sample",
            "0",
            "--quiet");
    assertThat(Outputs.selected(out)).hasSize(10);
    System.out.printf(
        "LargeStoreMemoryIT: synth-store peak RSS %d MiB in %.1f s; estimate-subsets peak RSS %d"
            + " MiB in %.1f s (both -Xmx1g)%n",
        synth.rssKib / 1024, synth.seconds, est.rssKib / 1024, est.seconds);
  }

  private record Peak(long rssKib, double seconds) {}

  private Peak run(List<String> jvm, String... args) throws Exception {
    Path log = Files.createTempFile(dir, "child", ".log");
    long start = System.nanoTime();
    Process p = Cli.start(jvm, log, args);
    long peak = 0;
    while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, rssKib(p.pid()));
      if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(15)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + String.join(" ", args));
      }
    }
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    return new Peak(peak, (System.nanoTime() - start) / 1e9);
  }

  private static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // the process ended between the check and the read
    }
    return 0;
  }
}
