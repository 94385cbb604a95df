package dev.gradex.model;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared helpers: the repository root, Python reference scripts, the MiniLM fixture. */
public final class TestSupport {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static String python;

  private TestSupport() {}

  /** The repository root (system property gradex.root from the parent POM, else cwd/../..). */
  public static Path root() {
    String p = System.getProperty("gradex.root");
    if (p != null && Files.isDirectory(Paths.get(p, "components"))) {
      return Paths.get(p);
    }
    Path cwd = Paths.get("").toAbsolutePath();
    return cwd.getParent().getParent();
  }

  /**
   * Fails the test with the reason when a peer or fixture is missing: the same with or without CI,
   * since ./gradex-test installs everything (docs/testing.md).
   */
  public static void require(boolean condition, String what) {
    if (!condition) {
      fail(what + " (./gradex-test sets it up: tests/setup/all.sh)");
    }
  }

  /** Runs a command, returns stdout; fails with stderr on a non-zero exit. */
  public static String run(List<String> command, Path workDir)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("gradex-out", ".txt");
    Path err = Files.createTempFile("gradex-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + command);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        fail(command + " exited " + p.exitValue() + ":\n" + Files.readString(err));
      }
      return stdout;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * The interpreter of the peers' venv: system property gradex.python (set by the POM), after
   * tests/setup/python-peers.sh has made it when it is not there yet.
   */
  public static synchronized String python() throws IOException, InterruptedException {
    if (python == null) {
      String p = System.getProperty("gradex.python");
      if (p == null || !Files.isExecutable(Paths.get(p))) {
        Path script = root().resolve("tests/setup/python-peers.sh");
        String out = run(List.of("bash", script.toString()), root()).strip();
        p = out.substring(out.lastIndexOf('=') + 1);
      }
      python = p;
    }
    return python;
  }

  /** Runs tests/python/model/{script} on a model directory and token ids; returns its JSON. */
  public static JsonNode pythonReference(String script, Path modelDir, long[][] ids, long[][] mask)
      throws IOException, InterruptedException {
    return pythonReference(script, modelDir, ids, mask, null);
  }

  /** As above, with a PEFT adapter directory merged by the reference (null for none). */
  public static JsonNode pythonReference(
      String script, Path modelDir, long[][] ids, long[][] mask, Path adapterDir)
      throws IOException, InterruptedException {
    Path request = Files.createTempFile("gradex-request", ".json");
    try {
      Files.writeString(
          request, JSON.writeValueAsString(java.util.Map.of("ids", ids, "mask", mask)));
      Path dir = root().resolve("tests/python/model");
      List<String> cmd = new ArrayList<>(List.of(python(), dir.resolve(script).toString()));
      cmd.add(modelDir.toString());
      cmd.add(request.toString());
      if (adapterDir != null) {
        cmd.add(adapterDir.toString());
      }
      return JSON.readTree(run(cmd, dir));
    } finally {
      Files.deleteIfExists(request);
    }
  }

  /** Max |a - b| over a nested JSON array and a flat row-major float array. */
  public static double maxAbsDiff(JsonNode nested, float[] flat) {
    List<Double> values = new ArrayList<>();
    flatten(nested, values);
    if (values.size() != flat.length) {
      fail("reference has " + values.size() + " values, ours " + flat.length);
    }
    double max = 0;
    for (int i = 0; i < flat.length; i++) {
      max = Math.max(max, Math.abs(values.get(i) - flat[i]));
    }
    return max;
  }

  private static void flatten(JsonNode n, List<Double> out) {
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else {
      out.add(n.asDouble());
    }
  }

  /**
   * The all-MiniLM-L6-v2 directory: GRADEX_MINILM_DIR (property or env), else what
   * tests/setup/model-fixtures.sh prints.
   */
  public static Path miniLmDir() throws IOException, InterruptedException {
    String p = System.getProperty("GRADEX_MINILM_DIR", System.getenv("GRADEX_MINILM_DIR"));
    if (p != null && !p.isBlank()) {
      return Paths.get(p);
    }
    Path script = root().resolve("tests/setup/model-fixtures.sh");
    String out;
    try {
      out = run(List.of("bash", script.toString()), root()).trim();
    } catch (AssertionError e) {
      require(false, "tests/setup/model-fixtures.sh could not fetch all-MiniLM-L6-v2: " + e);
      throw e;
    }
    String[] lines = out.split("\n");
    return Paths.get(lines[lines.length - 1].trim());
  }
}
