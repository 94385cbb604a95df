package dev.gradex.tracking;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MLflow server the integration tests share: {@code GRADEX_MLFLOW_URI} when set (loopback
 * only), else one started once per JVM by {@code tests/setup/mlflow-server.sh} and stopped when the
 * JVM exits. When it cannot be had the tests fail with the reason, with or without CI.
 */
public final class LocalMlflow {
  private static String uri;
  private static String failure;

  private LocalMlflow() {}

  /** The server's base URI, e.g. {@code http://127.0.0.1:41234}. */
  public static synchronized String uri() {
    if (uri == null && failure == null) {
      try {
        uri = start();
      } catch (IOException | RuntimeException e) {
        failure = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted while starting MLflow";
      }
    }
    if (failure != null) {
      fail(
          "MLflow server unavailable (leave the group out with ./gradex-test --without mlflow): "
              + failure);
    }
    return uri;
  }

  private static String start() throws IOException, InterruptedException {
    String given = System.getenv("GRADEX_MLFLOW_URI");
    if (given != null && !given.isBlank()) {
      String host = URI.create(given.strip()).getHost();
      if (!"localhost".equals(host) && (host == null || !host.startsWith("127."))) {
        throw new IllegalStateException("GRADEX_MLFLOW_URI must be a loopback address: " + given);
      }
      return given.strip();
    }
    Path script = root().resolve("tests/setup/mlflow-server.sh");
    Path state = Files.createTempDirectory("gradex-mlflow-it");
    Path log = state.resolve("setup.log");
    Process p =
        new ProcessBuilder("bash", script.toString(), "start", state.toString())
            .redirectError(log.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || !out.startsWith("http://")) {
      p.destroyForcibly();
      throw new IllegalStateException(
          script + " failed; its log:\n" + String.join("\n", tail(log, 30)));
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    new ProcessBuilder("bash", script.toString(), "stop", state.toString())
                        .start()
                        .waitFor(30, TimeUnit.SECONDS);
                    try (var files = Files.walk(state)) {
                      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                      }
                    }
                  } catch (IOException | InterruptedException e) {
                    // the JVM is exiting; nothing else to do
                  }
                }));
    String[] lines = out.split("\n");
    return lines[lines.length - 1].strip();
  }

  private static List<String> tail(Path log, int n) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }

  private static Path root() {
    String prop = System.getProperty("gradex.root");
    Path p = Path.of(prop != null ? prop : "").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("tests/setup/mlflow-server.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find tests/setup/mlflow-server.sh above " + prop);
    }
    return p;
  }
}
