package dev.gradex.tests;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Python peers of record under tests/python and parses the JSON they print. */
final class Python {
  private Python() {}

  /** The repository root, as passed by Maven (falls back to the working directory's parent). */
  static Path root() {
    String root = System.getProperty("gradex.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /** Runs {@code tests/python/<script> args...} and returns its stdout parsed as JSON. */
  static JsonNode runJson(String script, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getenv().getOrDefault("GRADEX_PYTHON", "python3"));
    cmd.add(root().resolve("tests/python").resolve(script).toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      fail(
          "python "
              + script
              + " failed (are tests/python/requirements.txt installed? .ci/run does it):\n"
              + new String(err, StandardCharsets.UTF_8));
    }
    return new ObjectMapper().readTree(out);
  }
}
