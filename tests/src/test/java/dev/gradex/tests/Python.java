package dev.gradex.tests;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python peers of record under tests/python, in the venv the POM names as {@code
 * gradex.python} (tests/setup/python-peers.sh installs it), and parses the JSON they print.
 */
final class Python {
  private static String interpreter;

  private Python() {}

  /** The repository root, as passed by Maven (falls back to the working directory's parent). */
  static Path root() {
    String root = System.getProperty("gradex.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /** Runs {@code tests/python/<script> args...} and returns its stdout parsed as JSON. */
  static JsonNode runJson(String script, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(interpreter());
    cmd.add(root().resolve("tests/python").resolve(script).toString());
    cmd.addAll(List.of(args));
    return new ObjectMapper().readTree(run(cmd, "python " + script));
  }

  /**
   * Runs a command and returns its stdout. Both streams go to files, so a process that writes more
   * than a pipe buffer to one of them while we wait on the other cannot block.
   */
  static String run(List<String> cmd, String what) throws IOException, InterruptedException {
    Path out = Files.createTempFile("gradex-python-out", ".txt");
    Path err = Files.createTempFile("gradex-python-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail(what + " ran over 10 minutes:\n" + tail(err));
      }
      if (p.exitValue() != 0) {
        fail(what + " exited " + p.exitValue() + ":\n" + tail(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The venv's interpreter; runs tests/setup/python-peers.sh first when it is not there yet. */
  static synchronized String interpreter() throws IOException, InterruptedException {
    if (interpreter == null) {
      String p = System.getProperty("gradex.python");
      if (p == null || !Files.isExecutable(Path.of(p))) {
        String setup = root().resolve("tests/setup/python-peers.sh").toString();
        String line = run(List.of("bash", setup), setup).strip();
        p = line.substring(line.lastIndexOf('=') + 1);
      }
      interpreter = p;
    }
    return interpreter;
  }

  private static String tail(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
  }
}
