package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.gradex.NativeCrashFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex run} whose JVM dies by a real SIGSEGV in the middle of meta-training (past its
 * first epoch's checkpoint), started with the compiled pipeline's crash options ({@link
 * NativeCrashFlags}): the JVM leaves its hs_err report where the options say, the run's error
 * stream names that file and says to rerun, and the rerun resumes from the checkpoint and ends with
 * exactly what an uncrashed run writes (the comparison of {@link KillResumeIT}). The crash comes
 * from {@link SegfaultingCli}, a test-side main, so production code has no hook. About 1.5 minutes
 * on 2 busy cores.
 */
class NativeCrashResumeIT {
  private static final List<String> JVM = List.of("-Xmx1g");

  @TempDir static Path dir;
  static Path out;
  static Path reference;

  @BeforeAll
  static void uncrashedReference() throws Exception {
    MiniatureRun.fourSources(5000, 3).write(dir);
    out = dir.resolve("out");
    Cli.Outcome ref = run("reference");
    assertThat(ref.exitCode()).as(ref.stdout()).isZero();
    reference = dir.resolve("reference");
    Files.move(out, reference);
  }

  @Test
  void segfaultDuringMetaTrainingLeavesTheReportAndTheRerunResumesToTheSameResults()
      throws Exception {
    RunTrees.copy(reference.resolve("base-model"), out.resolve("base-model"));
    Path crashDir = Files.createDirectories(dir.resolve("crash"));
    List<String> jvm = new ArrayList<>(JVM);
    jvm.addAll(NativeCrashFlags.jvmOptions(crashDir.toString()));
    jvm.add("-XX:-CreateCoredumpOnCrash");
    Path log = dir.resolve("crashed.log");
    Process p =
        Cli.start(
            SegfaultingCli.class.getName(),
            jvm,
            Map.of(),
            log,
            "meta-train steps",
            "0.45",
            "run",
            dir.resolve("run.yaml").toString());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the crashing run ended").isTrue();
    String crashed = Files.readString(log);
    // HotSpot's os::abort: SIGABRT (134) when it may dump core, else _exit(1), as here.
    assertThat(p.exitValue()).as("exit status of a JVM that crashed\n" + crashed).isEqualTo(1);
    Path hsErr = crashDir.resolve("hs_err_pid" + p.pid() + ".log");
    assertThat(crashed)
        .contains("SegfaultingCli: SIGSEGV at 'gradex: meta-train steps")
        .contains("SIGSEGV (0xb)")
        .contains(
            "gradex: the JVM died of a fatal error (a native crash), its report is "
                + hsErr
                + ", rerun the same command to resume: finished stages are reused, training"
                + " resumes from its last checkpoint");
    assertThat(hsErr).exists();
    assertThat(Files.readString(hsErr)).contains("SIGSEGV").contains("Unsafe_PutLong");
    assertThat(out.resolve("meta-train/manifest.json")).as("still meta-training").doesNotExist();
    assertThat(out.resolve("summary.json")).doesNotExist();

    Cli.Outcome rerun = run("rerun");
    assertThat(rerun.exitCode()).as(rerun.stdout()).isZero();
    assertThat(rerun.stdout()).contains("meta-train: resuming from its checkpoint at step");
    RunTrees.Comparison c = RunTrees.compare(reference, out);
    System.out.println("NativeCrashResumeIT: " + c);
    c.assertSameResults();
    assertThat(RunTrees.scratch(out)).as("temporary files left behind").isEmpty();
  }

  private static Cli.Outcome run(String name) throws Exception {
    return Cli.runChild(
        JVM, dir.resolve(name + ".log"), 5, "run", dir.resolve("run.yaml").toString());
  }
}
