package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Copies and compares the run directories of {@code gradex run} (see {@link KillResumeIT}). */
final class RunTrees {
  /**
   * Largest difference allowed between two runs' training losses (target validation and test losses
   * near 2.4 here): libtorch's CPU kernels are not promised to be bitwise reproducible.
   */
  static final double LOSS_TOLERANCE = 1e-4;

  /** Trained weights: when these are bitwise equal, everything downstream must be too. */
  private static final List<String> TRAINED =
      List.of(
          "base-model/model.safetensors",
          "meta-train/adapter_model.safetensors",
          "fine-tune/adapter/adapter_model.safetensors");

  /** Holds wall times, so it is compared by its losses only. */
  private static final String SUMMARY = "summary.json";

  /** The run report embeds the summary (wall times included); its data is compared above. */
  private static final String REPORT = "report.html";

  /** Wall seconds of each stage, kept as it finishes: nothing else in it to compare. */
  private static final String STAGE_SECONDS = "stage-seconds.json";

  private RunTrees() {}

  /** How a run directory compares with the reference's. */
  record Comparison(
      TreeSet<String> referenceFiles,
      TreeSet<String> files,
      List<String> differing,
      boolean trainingBitwise,
      double maxLossDifference,
      JsonNode referenceSelection,
      JsonNode selection) {

    void assertSameResults() {
      assertThat(files).as("files written").isEqualTo(referenceFiles);
      assertThat(selection).as("selection.json selected").isEqualTo(referenceSelection);
      assertThat(maxLossDifference).as("largest loss difference").isLessThan(LOSS_TOLERANCE);
      assertThat(trainingBitwise)
          .as("trained adapters bitwise equal; differing: " + differing)
          .isTrue();
      assertThat(differing).as("files differing").isEmpty();
    }

    @Override
    public String toString() {
      return String.format(
          "%d files, selection %s, training bitwise equal: %s, files differing: %s, largest"
              + " loss difference %.3g",
          files.size(), selection, trainingBitwise, differing, maxLossDifference);
    }
  }

  static Comparison compare(Path reference, Path run) throws IOException {
    TreeSet<String> refFiles = visibleFiles(reference);
    TreeSet<String> runFiles = visibleFiles(run);
    List<String> differing = new ArrayList<>();
    for (String f : refFiles) {
      if (!f.equals(SUMMARY)
          && !f.equals(REPORT)
          && !f.equals(STAGE_SECONDS)
          && runFiles.contains(f)
          && !sameBytes(reference, run, f)) {
        differing.add(f);
      }
    }
    boolean trainingBitwise = TRAINED.stream().noneMatch(differing::contains);
    double maxLoss = 0;
    maxLoss = Math.max(maxLoss, maxDifference(reference, run, SUMMARY));
    maxLoss = Math.max(maxLoss, maxDifference(reference, run, "meta-train/metrics.json"));
    maxLoss = Math.max(maxLoss, maxDifference(reference, run, "fine-tune/metrics.json"));
    return new Comparison(
        refFiles,
        runFiles,
        differing,
        trainingBitwise,
        maxLoss,
        Outputs.json(reference.resolve("estimate/selection.json")).path("selected"),
        Outputs.json(run.resolve("estimate/selection.json")).path("selected"));
  }

  /** Every file under {@code sub} is bitwise equal in both directories. */
  static void assertBitwise(Path reference, Path run, String sub) throws IOException {
    TreeSet<String> files = visibleFiles(reference.resolve(sub));
    assertThat(files).isNotEmpty();
    assertThat(visibleFiles(run.resolve(sub))).isEqualTo(files);
    for (String f : files) {
      assertThat(sameBytes(reference.resolve(sub), run.resolve(sub), f)).as(sub + "/" + f).isTrue();
    }
  }

  /** Scratch left behind: temporary directories, extraction chunks, estimation journals. */
  static List<String> scratch(Path run) throws IOException {
    try (Stream<Path> s = Files.walk(run)) {
      return s.map(p -> run.relativize(p).toString())
          .filter(
              p ->
                  Arrays.stream(p.split("/"))
                      .anyMatch(
                          n -> n.startsWith(".tmp") || n.equals(".chunks") || n.equals(".partial")))
          .toList();
    }
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Regular files, relative, leaving out hidden ones (checkpoints, journals: scratch). */
  private static TreeSet<String> visibleFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      TreeSet<String> files = new TreeSet<>();
      s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .filter(p -> Arrays.stream(p.split("/")).noneMatch(n -> n.startsWith(".")))
          .forEach(files::add);
      return files;
    }
  }

  private static boolean sameBytes(Path a, Path b, String f) throws IOException {
    return Files.mismatch(a.resolve(f), b.resolve(f)) < 0;
  }

  /** Largest difference between the numbers (losses) of two JSON files' top-level fields. */
  private static double maxDifference(Path a, Path b, String f) throws IOException {
    JsonNode x = Outputs.json(a.resolve(f));
    JsonNode y = Outputs.json(b.resolve(f));
    double max = 0;
    for (var it = x.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.contains("loss") || name.contains("Loss")) {
        max = Math.max(max, difference(x.path(name), y.path(name)));
      }
    }
    return max;
  }

  private static double difference(JsonNode x, JsonNode y) {
    if (x.isArray()) {
      assertThat(y.size()).isEqualTo(x.size());
      double max = 0;
      for (int i = 0; i < x.size(); i++) {
        max = Math.max(max, difference(x.get(i), y.get(i)));
      }
      return max;
    }
    if (x.equals(y)) {
      return 0; // also a loss that is absent from both runs ("NaN", null)
    }
    assertThat(y.isNumber()).as("a loss: " + x + " vs " + y).isTrue();
    return Math.abs(x.asDouble() - y.asDouble());
  }
}
