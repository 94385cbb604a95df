package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.gradex.NativeCrashFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stress check, off by default (issue 18's "Native crashes"): LoRA training steps with backward
 * of the all-MiniLM-L6-v2 fixture ({@link StressTrainMain}) in six child JVMs: 1 intra-op / 1
 * inter-op thread, 2 / 1 and DJL's defaults (one per core), each with and without a {@code
 * System.gc()} after every step; {@code gradex.stressSteps} steps in each single-threaded JVM,
 * {@code gradex.stressThreadedSteps} (default the same) in each other one, since several intra-op
 * threads are many times slower on a machine whose cores are busy. Every JVM must train all its
 * steps and exit 0 without an hs_err report. Run with
 *
 * <pre>
 * nice -n 10 mvn -B -o -pl tests -am verify -Dit.test=TrainingStressIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgradex.excludedGroups= \
 *     -Dgradex.stressSteps=4600 -Dgradex.stressThreadedSteps=250
 * </pre>
 */
@EnabledIfSystemProperty(named = "gradex.stressSteps", matches = "[1-9][0-9]*")
@Tag("dev")
class TrainingStressIT {
  /** JVM options of each variant's thread counts; empty = DJL's defaults. */
  private static final Map<String, List<String>> THREADS =
      Map.of(
          "default",
          List.of(),
          "1/1",
          List.of("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"),
          "2/1",
          List.of("-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1"));

  @TempDir Path dir;

  @Test
  void everyVariantTrainsAllItsStepsWithoutANativeCrash() throws Exception {
    String model = Setup.lastLine("tests/setup/model-fixtures.sh");
    long single = Long.getLong("gradex.stressSteps");
    long threaded = Long.getLong("gradex.stressThreadedSteps", single);
    int batch = Integer.getInteger("gradex.stressBatch", 2);
    Path crashDir = Files.createDirectories(dir.resolve("crash"));
    List<String> results = new ArrayList<>();
    long total = 0;
    for (String threads : List.of("1/1", "2/1", "default")) {
      long each = threads.equals("1/1") ? single : threaded;
      for (String gc : List.of("no-gc", "gc")) {
        total += each;
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(NativeCrashFlags.jvmOptions(crashDir.toString()));
        jvm.addAll(THREADS.get(threads));
        Path log = dir.resolve(threads.replace('/', '-') + "-" + gc + ".log");
        long t0 = System.nanoTime();
        Process p =
            Cli.start(
                StressTrainMain.class.getName(),
                jvm,
                Map.of(),
                log,
                model,
                String.valueOf(each),
                gc,
                String.valueOf(batch));
        assertThat(p.waitFor(60, TimeUnit.MINUTES)).as("variant %s %s ended", threads, gc).isTrue();
        String text = Files.readString(log);
        String result =
            text.lines()
                .filter(l -> l.startsWith("stress result:"))
                .findFirst()
                .orElse("no result line");
        results.add(
            String.format(
                "%s threads, %s: exit %d, %.0f s wall, %s",
                threads, gc, p.exitValue(), (System.nanoTime() - t0) / 1e9, result));
        System.out.println("TrainingStressIT " + results.get(results.size() - 1));
        assertThat(p.exitValue()).as(text).isZero();
        try (Stream<Path> files = Files.list(crashDir)) {
          assertThat(files.toList()).as("hs_err reports").isEmpty();
        }
      }
    }
    System.out.println("TrainingStressIT: " + total + " steps, 6 variants, no crash");
  }
}
