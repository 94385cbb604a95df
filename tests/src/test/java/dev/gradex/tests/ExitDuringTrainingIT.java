package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.AtomicFiles;
import dev.gradex.kfp.gradex.NativeCrashFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex run} on the all-MiniLM-L6-v2 fixture, sent SIGTERM (what a harness timeout or a
 * pod's termination sends) at a random moment 2-8 s into meta-training, many times, each from the
 * start of training: the JVM must end by the signal (exit 143) every time, never by a native crash
 * (issue 18: the JVM's exit ran libtorch's static destructors while the main thread was inside
 * backward, a SIGSEGV in {@code at::accelerator::getAccelerator}, exit 134 with an hs_err report;
 * before {@code NativeExitGuard} this test failed at its first trial). The last signal comes after
 * the first checkpoint, and the rerun resumes from it and finishes. {@code -Dgradex.exitTrials=N}
 * sets the number of signals (default 10, about 4 minutes on 2 busy cores).
 */
class ExitDuringTrainingIT {
  private static final List<String> JVM = List.of("-Xmx1g");
  private static final String[] GOOD = {"good", "great", "fine", "lovely", "bright", "kind"};
  private static final String[] BAD = {"bad", "awful", "poor", "grim", "dull", "cruel"};
  private static final String[] FILL = {
    "the", "day", "was", "and", "a", "film", "town", "people", "we", "saw", "very", "so"
  };

  /**
   * Words per text: backward must be long, as on real data (about 100 tokens), for a signal to land
   * inside it; with 10-word texts no trial crashed before the fix.
   */
  private static final int WORDS = 90;

  @TempDir static Path dir;
  static Path yaml;

  @BeforeAll
  static void problem() throws Exception {
    Path model = Path.of(Setup.lastLine("tests/setup/model-fixtures.sh"));
    Random r = new Random(18);
    Path data = Files.createDirectories(dir.resolve("data"));
    write(data.resolve("source-a.jsonl"), "a", 64, 0.0, r);
    write(data.resolve("source-b.jsonl"), "b", 64, 0.5, r);
    write(data.resolve("target-train.jsonl"), "t", 32, 0.0, r);
    write(data.resolve("target-validation.jsonl"), "v", 16, 0.0, r);
    write(data.resolve("target-test.jsonl"), "s", 16, 0.0, r);
    yaml = dir.resolve("run.yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "out: out",
            "seed: 5",
            "sources:",
            "  - {name: source-a, path: data/source-a.jsonl}",
            "  - {name: source-b, path: data/source-b.jsonl}",
            "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
                + " test: data/target-test.jsonl}",
            "model: {dir: \"" + model + "\"}",
            "lora: {rank: 4, alpha: 8}",
            "train: {epochs: 4, learningRate: 0.002, batchSize: 16}",
            "gradients: {dim: 16, projectorSeed: 1, batchSize: 16}",
            "estimate: {subsets: 50, alpha: 0.5, mode: faithful, select: best-prefix}",
            "fineTune: {epochs: 1, learningRate: 0.002, batchSize: 16}",
            ""));
  }

  @Test
  void sigtermDuringTrainingEndsTheJvmBySignalEveryTimeAndTheRerunResumes() throws Exception {
    int trials = Integer.getInteger("gradex.exitTrials", 10);
    Path crashDir = Files.createDirectories(dir.resolve("crash"));
    List<String> jvm = new ArrayList<>(JVM);
    jvm.addAll(NativeCrashFlags.jvmOptions(crashDir.toString()));
    Random delays = new Random(1);
    List<String> outcomes = new ArrayList<>();
    for (int k = 0; k < trials || checkpoint().isEmpty(); k++) {
      boolean last = k >= trials - 1;
      if (!last) {
        AtomicFiles.deleteTree(dir.resolve("out")); // every trial from the start of training
      }
      Path log = dir.resolve("term-" + k + ".log");
      Process p = Cli.start(jvm, log, "run", yaml.toString());
      awaitTraining(p, log, last);
      // before the fix, signals in the first seconds of training seldom crashed (warm-up)
      Thread.sleep(2000 + delays.nextInt(6000));
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the signalled run ended").isTrue();
      String text = Files.readString(log);
      outcomes.add("trial " + k + ": exit " + p.exitValue());
      System.out.println("ExitDuringTrainingIT " + outcomes.get(outcomes.size() - 1));
      assertThat(hsErrFiles(crashDir)).as("hs_err reports after %s\n%s", outcomes, text).isEmpty();
      assertThat(text).doesNotContain("A fatal error has been detected");
      assertThat(p.exitValue()).as("%s\n%s", outcomes, text).isEqualTo(143);
    }
    Cli.Outcome rerun = Cli.runChild(jvm, dir.resolve("rerun.log"), 10, "run", yaml.toString());
    assertThat(rerun.exitCode()).as(rerun.stdout()).isZero();
    assertThat(rerun.stdout()).contains("meta-train: resuming from its checkpoint at step");
    assertThat(dir.resolve("out/summary.json")).exists();
    assertThat(hsErrFiles(crashDir)).isEmpty();
  }

  /**
   * Waits until the run prints meta-training progress; with {@code checkpointed}, also until the
   * first checkpoint exists, so that the rerun has one to resume from.
   */
  private static void awaitTraining(Process p, Path log, boolean checkpointed) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.readString(log).contains("meta-train steps")
          && (!checkpointed || checkpoint().isPresent())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the run did not reach meta-training:\n" + Files.readString(log));
  }

  private static java.util.Optional<Path> checkpoint() throws IOException {
    Path dirs = dir.resolve("out/meta-train/.checkpoints");
    if (!Files.isDirectory(dirs)) {
      return java.util.Optional.empty();
    }
    try (Stream<Path> files = Files.walk(dirs)) {
      return files.filter(f -> f.getFileName().toString().equals("last.safetensors")).findAny();
    }
  }

  private static List<Path> hsErrFiles(Path crashDir) throws IOException {
    try (Stream<Path> files = Files.list(crashDir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
    }
  }

  /** {@code n} short labelled sentences; {@code flip} of them with the wrong label. */
  private static void write(Path file, String prefix, int n, double flip, Random r)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      String[] words = label == 1 ? GOOD : BAD;
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < WORDS; w++) {
        String[] from = w % 3 == 1 ? words : FILL;
        text.append(w == 0 ? "" : " ").append(from[r.nextInt(from.length)]);
      }
      int shown = r.nextDouble() < flip ? 1 - label : label;
      lines.add(
          "{\"id\":\"" + prefix + i + "\",\"text\":\"" + text + "\",\"label\":" + shown + "}");
    }
    Files.write(file, lines);
  }
}
