package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex run} killed with SIGKILL in the middle of each step (base-model pretraining,
 * meta-training, extraction and fine-tuning; estimation is too short here, see below) and rerun
 * ends with exactly what an uninterrupted run writes: the same selection, bitwise equal trained
 * adapters and every other artifact bitwise equal (stores, estimates, metrics, manifests; only
 * {@code summary.json}'s timings and the report that shows them differ). Training on libtorch's CPU
 * kernels is deterministic for a given machine and thread count; the test once tolerated loss
 * differences, which hid the rare wrong gradients of DJL's scalar arithmetic (CHANGELOG.md,
 * 2026-11-24).
 *
 * <p>Each scenario starts from a fresh run directory holding copies of the reference's outputs of
 * the steps before the one to kill (a rerun reuses complete stages, so this only saves time), at
 * the same path as the reference ran in (adapters record their base model's path, and manifests
 * their digests). The kill comes on a progress line past the point where the step has saved
 * something to resume from (an epoch's checkpoint, committed chunks; pretraining saves nothing and
 * starts over). About 2.5 minutes on 2 busy cores.
 */
class KillResumeIT {
  private static final List<String> JVM = List.of("-Xmx1g");
  private static final Pattern PROGRESS =
      Pattern.compile("^gradex: (.+) (\\d+)/(\\d+)(?: \\(.*\\))?$");

  @TempDir static Path dir;
  static Path out;
  static Path reference;
  private static int scenarios;

  @BeforeAll
  static void uninterruptedReference() throws Exception {
    MiniatureRun.fourSources(5000, 3).write(dir);
    out = dir.resolve("out");
    long t = System.nanoTime();
    Cli.Outcome ref = run("reference");
    log("uninterrupted reference run", t);
    assertThat(ref.exitCode()).as(ref.stdout()).isZero();
    reference = dir.resolve("reference");
    Files.move(out, reference);
  }

  @Test
  void killedDuringBaseModelPretrainingRerunRebuildsTheSameModel() throws Exception {
    Cli.Outcome rerun =
        killAndRerun("base model steps", 0.3, List.of(), "base-model/model.safetensors");
    assertThat(rerun.stdout()).contains("base model steps 0/");
  }

  @Test
  void killedDuringMetaTrainingRerunResumesFromTheCheckpoint() throws Exception {
    Cli.Outcome rerun =
        killAndRerun("meta-train steps", 0.45, List.of("base-model"), "meta-train/manifest.json");
    assertThat(rerun.stdout()).contains("meta-train: resuming from its checkpoint at step");
  }

  @Test
  void killedDuringGradientExtractionRerunKeepsCommittedChunks() throws Exception {
    Cli.Outcome rerun =
        killAndRerun(
            "gradients", 0.45, List.of("base-model", "meta-train"), "gradients/manifest.json");
    assertThat(rerun.stdout()).containsPattern("gradients: resuming, [1-9]\\d* of \\d+ chunks");
    RunTrees.assertBitwise(reference, out, "gradients");
  }

  // No estimation scenario: the four sources have only C(4, 2) = 6 subsets, which the run now
  // enumerates once each in a single journal chunk, so there is no point mid-estimation to kill at.
  // The journal's resume is covered by DeterminismAndResumeIT (50 sources, 3000 subsets).

  @Test
  void killedDuringFineTuningRerunResumesFromTheCheckpoint() throws Exception {
    Cli.Outcome rerun =
        killAndRerun(
            "fine-tune steps",
            0.45,
            List.of("base-model", "meta-train", "gradients", "estimate"),
            "fine-tune/manifest.json");
    assertThat(rerun.stdout()).contains("fine-tune: resuming from its checkpoint at step");
  }

  /**
   * Copies {@code done} from the reference, starts a run, kills it with SIGKILL once the progress
   * of {@code task} passes {@code fraction}, checks the step had not finished ({@code marker}
   * absent), reruns it to completion and compares the run directory with the reference.
   */
  private Cli.Outcome killAndRerun(String task, double fraction, List<String> done, String marker)
      throws Exception {
    if (Files.exists(out)) { // the previous scenario's, kept for a look after a failure
      Files.move(out, dir.resolve("scenario-" + scenarios++));
    }
    for (String d : done) {
      RunTrees.copy(reference.resolve(d), out.resolve(d));
    }
    long t = System.nanoTime();
    Path log = dir.resolve(task.replace(' ', '-') + "-killed.log");
    Process p = Cli.start(JVM, log, "run", dir.resolve("run.yaml").toString());
    String at = awaitProgress(p, log, task, fraction);
    p.destroyForcibly();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    log("killed (SIGKILL) at '" + at + "'", t);
    assertThat(p.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(128 + 9);
    assertThat(out.resolve(marker)).as("the step was still running").doesNotExist();
    assertThat(out.resolve("summary.json")).doesNotExist();

    t = System.nanoTime();
    Cli.Outcome rerun = run(task.replace(' ', '-') + "-rerun");
    log("rerun to completion", t);
    assertThat(rerun.exitCode()).as(rerun.stdout()).isZero();
    RunTrees.Comparison c = RunTrees.compare(reference, out);
    System.out.println("KillResumeIT " + task + ": " + c);
    c.assertSameResults();
    assertThat(RunTrees.scratch(out)).as("temporary files left behind").isEmpty();
    return rerun;
  }

  /** Waits for a progress line {@code task n/total} with n/total in [fraction, 1); returns it. */
  private static String awaitProgress(Process p, Path log, String task, double fraction)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(
            "the run ended before '" + task + "' was under way:\n" + Files.readString(log));
      }
      for (String line : Files.readAllLines(log)) {
        Matcher m = PROGRESS.matcher(line);
        if (m.matches() && m.group(1).equals(task)) {
          long n = Long.parseLong(m.group(2));
          long total = Long.parseLong(m.group(3));
          if (n >= fraction * total && n < total) {
            return line;
          }
        }
      }
      Thread.sleep(25);
    }
    p.destroyForcibly();
    throw new AssertionError("no progress of '" + task + "':\n" + Files.readString(log));
  }

  private static Cli.Outcome run(String name) throws Exception {
    return Cli.runChild(
        JVM, dir.resolve(name + ".log"), 5, "run", dir.resolve("run.yaml").toString());
  }

  private static void log(String what, long start) {
    System.out.printf("KillResumeIT: %s took %.1f s%n", what, (System.nanoTime() - start) / 1e9);
  }
}
