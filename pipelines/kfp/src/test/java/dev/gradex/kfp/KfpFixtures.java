package dev.gradex.kfp;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Locates the repository and the tools the set-up scripts under tests/setup install. A missing
 * fixture fails the test with the reason, with or without CI.
 */
public final class KfpFixtures {
  private static final Map<String, Map<String, String>> tools = new HashMap<>();

  private KfpFixtures() {}

  /** The repository root (system property gradex.root, set by the parent POM). */
  public static Path root() {
    String root = System.getProperty("gradex.root");
    return root != null
        ? Path.of(root)
        : Path.of("").toAbsolutePath().getParent().getParent().normalize();
  }

  /**
   * A file of KFP's own reference set, for the developer-time contract checks only (tag {@code
   * dev}, never in ./gradex-test; docs/testing.md): {@code <dir>/<name>} with {@code <dir>} given
   * as {@code -Dgradex.kfpReference=DIR}. No test of the test command reads outside the repository.
   */
  public static Path shared(String name) {
    String dir = System.getProperty("gradex.kfpReference");
    if (dir == null || dir.isBlank()) {
      fail(
          "KFP reference file "
              + name
              + " asked for, but this is a developer-time opt-in: run with"
              + " -Dgradex.kfpReference=DIR -Dgradex.excludedGroups= (docs/testing.md)");
    }
    Path p = Path.of(dir).resolve(name);
    if (!Files.exists(p)) {
      fail("no " + name + " under -Dgradex.kfpReference=" + dir);
    }
    return p;
  }

  /** The committed golden pipeline. */
  public static Path goldenPipeline() {
    return root().resolve("pipelines/gradex-pipeline.yaml");
  }

  /**
   * Python interpreter with kfp, kfp-pipeline-spec and kfp-kubernetes: the peers' venv, system
   * property gradex.python (set by the POM), made by tests/setup/python-peers.sh when missing.
   */
  public static String kfpPython() {
    String p = System.getProperty("gradex.python");
    return p != null && Files.isExecutable(Path.of(p))
        ? p
        : tool("python-peers.sh", "GRADEX_PYTHON");
  }

  /** The Prism CLI executable (developer-time contract check only: tests/setup/prism.sh). */
  public static String prism() {
    return tool("prism.sh", "PRISM");
  }

  private static synchronized String tool(String script, String key) {
    Map<String, String> out = tools.computeIfAbsent(script, KfpFixtures::runSetup);
    String value = out.get(key);
    if (value == null || !Files.isExecutable(Path.of(value))) {
      missing(key + " (tests/setup/" + script + " did not provide it)");
    }
    return value;
  }

  private static Map<String, String> runSetup(String name) {
    Path script = root().resolve("tests/setup/" + name);
    Map<String, String> out = new HashMap<>();
    try {
      Process p =
          new ProcessBuilder(List.of("bash", script.toString()))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
        missing("tools: " + script + " failed");
      }
      for (String line : stdout.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          out.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      missing("tools: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      missing("tools: interrupted");
    }
    return out;
  }

  /** Fails with the reason, with or without CI: ./gradex-test sets every fixture up. */
  private static void missing(String what) {
    fail("fixture missing: " + what + " (./gradex-test sets it up: tests/setup/all.sh)");
  }

  /**
   * Runs a command and returns its stdout; fails the test with stderr on a non-zero exit. Both
   * streams go to files, so a process filling one pipe while we read the other cannot block.
   */
  public static String run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("gradex-kfp-out", ".txt");
    Path err = Files.createTempFile("gradex-kfp-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean done = p.waitFor(10, TimeUnit.MINUTES);
      if (!done) {
        p.destroyForcibly();
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      if (!done || p.exitValue() != 0) {
        fail(command + " failed:\n" + stdout + Files.readString(err, StandardCharsets.UTF_8));
      }
      return stdout;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
