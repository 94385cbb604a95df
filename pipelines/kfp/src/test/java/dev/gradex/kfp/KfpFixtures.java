package dev.gradex.kfp;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Locates the repository, the shared KFP reference files and the tools installed by
 * tests/setup/kfp-fixtures.sh. Without a fixture an IT fails when CI=true and is skipped otherwise.
 */
public final class KfpFixtures {
  private static Map<String, String> tools;

  private KfpFixtures() {}

  /** The repository root (system property gradex.root, set by the parent POM). */
  public static Path root() {
    String root = System.getProperty("gradex.root");
    return root != null
        ? Path.of(root)
        : Path.of("").toAbsolutePath().getParent().getParent().normalize();
  }

  /**
   * {@code <root>/../shared/kfp/<name>}: CI clones shared/ beside the repository. Git worktrees sit
   * one level deeper, so the nearest ancestor holding shared/kfp wins.
   */
  public static Path shared(String name) {
    for (Path dir = root().toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared/kfp").resolve(name);
      if (Files.exists(p)) {
        return p;
      }
    }
    missing("reference file shared/kfp/" + name + " beside " + root());
    return null;
  }

  /** The committed golden pipeline. */
  public static Path goldenPipeline() {
    return root().resolve("pipelines/gradex-pipeline.yaml");
  }

  /** Python interpreter with kfp, kfp-pipeline-spec and kfp-kubernetes. */
  public static String kfpPython() {
    return tool("KFP_PYTHON");
  }

  /** The Prism CLI executable. */
  public static String prism() {
    return tool("PRISM");
  }

  private static synchronized String tool(String key) {
    if (tools == null) {
      tools = runSetup();
    }
    String value = tools.get(key);
    if (value == null || !Files.isExecutable(Path.of(value))) {
      missing(key + " (tests/setup/kfp-fixtures.sh did not provide it)");
    }
    return value;
  }

  private static Map<String, String> runSetup() {
    Path script = root().resolve("tests/setup/kfp-fixtures.sh");
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

  private static void missing(String what) {
    if ("true".equals(System.getenv("CI"))) {
      fail("fixture missing under CI=true: " + what);
    }
    assumeTrue(false, "fixture missing (skipped outside CI): " + what);
  }

  /** Runs a command and returns its stdout; fails the test with stderr on a non-zero exit. */
  public static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    byte[] err;
    String out;
    try (var stderr = p.getErrorStream()) {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      err = stderr.readAllBytes();
    }
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      fail(command + " failed:\n" + out + new String(err, StandardCharsets.UTF_8));
    }
    return out;
  }
}
