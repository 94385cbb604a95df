package dev.gradex.model.gradients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.data.Dataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extracting gradients for 100,000 examples (4 tasks x 23,750 + 5,000 validation) streams to the
 * store with flat native and heap memory: resident set and used heap after each committed chunk
 * stay within a fixed band of their value after the second chunk. Prints the measurements. The
 * count can be lowered with -Dgradex.memory.examples for quick runs.
 */
class ExtractionMemoryIT {
  @TempDir Path dir;

  @Test
  void hundredThousandExamplesKeepResidentSetAndHeapFlat() throws IOException {
    int total = Integer.getInteger("gradex.memory.examples", 100_000);
    int val = total / 20;
    int perTask = (total - val) / 4;
    List<Dataset> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      tasks.add(Dataset.read(write("task" + t + ".jsonl", perTask, t), null));
    }
    Dataset validation = Dataset.read(write("val.jsonl", val, 7), null);
    List<double[]> samples = new ArrayList<>();
    long t0 = System.nanoTime();
    try (LanguageModel m = GradientFixtures.decoder()) {
      ExtractionConfig c =
          GradientExtractor.builder()
              .setModel(m)
              .setTokenizer(GradientFixtures.CHARS)
              .setTarget("task0", validation)
              .setProjection(1, 200)
              .setOutput(dir.resolve("store"))
              .optBatchSize(64)
              .optChunkSize(8192)
              .optListener(
                  e -> {
                    if (e instanceof ProgressEvent.BatchRecomputed r) {
                      System.out.println(
                          "recomputed non-finite batch starting at " + r.firstExampleId());
                    } else if (e instanceof ProgressEvent.ChunkCommitted done) {
                      int chunk = done.chunk();
                      Runtime rt = Runtime.getRuntime();
                      System.gc();
                      samples.add(
                          new double[] {
                            chunk, ProcessMemory.rssMb(), (rt.totalMemory() - rt.freeMemory()) / 1e6
                          });
                    }
                  });
      for (int t = 0; t < 4; t++) {
        c.addTask("task" + t, tasks.get(t));
      }
      StoreManifest man = c.build().run();
      assertThat(man.split(Split.TRAIN).examples() + man.split(Split.VALIDATION).examples())
          .isEqualTo(4L * perTask + val);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    for (double[] s : samples) {
      System.out.printf(
          Locale.ROOT, "chunk %3.0f  VmRSS %7.1f MB  heap used %6.1f MB%n", s[0], s[1], s[2]);
    }
    System.out.printf(
        Locale.ROOT,
        "%d examples in %.1f s (%.0f examples/s), peak RSS (VmHWM) %.1f MB%n",
        4 * perTask + val,
        secs,
        (4 * perTask + val) / secs,
        ProcessMemory.peakRssMb());
    double[] ref = samples.get(Math.min(1, samples.size() - 1));
    for (double[] s : samples.subList(1, samples.size())) {
      assertThat(s[1] - ref[1]).as("RSS growth after chunk %d", (int) s[0]).isLessThan(64);
      assertThat(s[2] - ref[2]).as("heap growth after chunk %d", (int) s[0]).isLessThan(64);
    }
  }

  private Path write(String name, int n, int seed) throws IOException {
    Path p = dir.resolve(name);
    java.util.Random rng = new java.util.Random(seed);
    try (BufferedWriter w = Files.newBufferedWriter(p)) {
      for (int i = 0; i < n; i++) {
        int a = rng.nextInt(1000);
        int b = rng.nextInt(1000);
        w.write("{\"prompt\":\"" + a + "+" + b + "=\",\"completion\":\"" + (a + b) + "\"}\n");
      }
    }
    return p;
  }
}
