package dev.gradex.tests.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the set-up scripts under tests/setup and external tools. A missing tool fails the test with
 * the reason.
 */
public final class Tools {
  private Tools() {}

  public static Path root() {
    return Path.of(System.getProperty("gradex.root", "..")).toAbsolutePath().normalize();
  }

  /** Result of one process: exit code and merged output. */
  public record Result(int exitCode, String output) {}

  /** Runs {@code tests/setup/<script>} and returns its KEY=VALUE lines, or fails. */
  public static Map<String, String> setup(String script) {
    Path log = null;
    try {
      log = Files.createTempFile("gradex-setup", ".log");
      Result r = run(List.of("bash", root().resolve("tests/setup/" + script).toString()), 20, log);
      if (r.exitCode() == 0) {
        Map<String, String> out = new HashMap<>();
        r.output()
            .lines()
            .filter(l -> l.matches("[A-Z_]+=.*"))
            .forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return out;
      }
      unavailable(script + " failed (exit " + r.exitCode() + "): " + tail(r.output()));
    } catch (IOException | InterruptedException e) {
      unavailable(script + " could not run: " + e);
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * Fails the test with the reason, with or without CI: ./gradex-test installs every tool, and a
   * group is left out only by name (./gradex-test --without GROUP; docs/testing.md).
   */
  public static void unavailable(String why) {
    fail(why + " (./gradex-test sets it up; leave a group out with --without GROUP)");
  }

  public static Result run(List<String> command, int minutes, Path log)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " ran over " + minutes + " min");
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("gradex-tool", ".log");
    try {
      return run(command, 10, log);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static String tail(String s) {
    return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
  }
}
