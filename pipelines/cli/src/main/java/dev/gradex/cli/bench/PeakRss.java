package dev.gradex.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code gradex} command line in a child JVM with given JVM options and samples the
 * child's peak resident set size ({@code VmHWM} of {@code /proc/PID/status}, Linux) while it runs.
 */
final class PeakRss {
  private static final long SAMPLE_MS = 100;

  /**
   * The {@code gradex} main class, by name: the child is another process, and a class reference
   * would make a package cycle (the root command lists the benchmarks).
   */
  static final String GRADEX_MAIN = "dev.gradex.cli.GradexCli";

  private PeakRss() {}

  /** Exit code, peak RSS in KiB (0 where /proc is unavailable) and wall time of one child. */
  record Result(int exitCode, long peakKib, double seconds, Path log) {}

  /**
   * Runs {@code gradex args} in a child JVM, its output to {@code log}, at most {@code minutes}.
   */
  static Result run(List<String> jvmOptions, Path log, int minutes, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(GRADEX_MAIN);
    cmd.addAll(args);
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long peak = 0;
    long deadline = start + TimeUnit.MINUTES.toNanos(minutes);
    while (!p.waitFor(SAMPLE_MS, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, vmHwmKib(p.pid()));
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        p.waitFor();
        throw new IllegalStateException(
            "gradex " + String.join(" ", args) + " ran over " + minutes + " min; see " + log);
      }
    }
    return new Result(p.exitValue(), peak, (System.nanoTime() - start) / 1e9, log);
  }

  /** The process's high-water mark of resident memory in KiB, or 0 if it has ended. */
  static long vmHwmKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // ended between two samples (the previous sample stands) or not Linux
    }
    return 0;
  }
}
