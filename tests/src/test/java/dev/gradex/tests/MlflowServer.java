package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MLflow server for the tests (tests/setup/mlflow-server.sh: installed from PyPI,
 * started on loopback with its state under a directory), and its REST API for reading back.
 */
final class MlflowServer implements AutoCloseable {
  private final Path state;
  private final String uri;

  private MlflowServer(Path state, String uri) {
    this.state = state;
    this.uri = uri;
  }

  /** Starts a server keeping its store and artifacts under {@code state}. */
  static MlflowServer start(Path state) throws Exception {
    Process p =
        new ProcessBuilder("bash", script(), "start", state.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("mlflow-server.sh start").isZero();
    String uri = out.lines().reduce((a, b) -> b).orElseThrow();
    assertThat(uri).startsWith("http://127.0.0.1:");
    return new MlflowServer(state, uri);
  }

  /** The tracking URI. */
  String uri() {
    return uri;
  }

  /**
   * Runs {@code tests/python/mlflow/<script> args...} with the MLflow Python client of the server's
   * venv (what a Python user reads the server with) and parses the JSON it prints.
   */
  static JsonNode python(String script, String... args) throws Exception {
    String venv =
        System.getenv()
            .getOrDefault(
                "GRADEX_MLFLOW_VENV", Python.root().resolve(".ci/cache/mlflow-venv").toString());
    java.util.List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(venv, "bin", "python").toString());
    cmd.add(Python.root().resolve("tests/python/mlflow").resolve(script).toString());
    cmd.addAll(java.util.List.of(args));
    return new ObjectMapper().readTree(Python.run(cmd, "mlflow client " + script));
  }

  /** GET {@code path} (e.g. {@code /api/2.0/mlflow/runs/get?run_id=...}); must answer 200. */
  JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(uri + path)).GET().build(), path);
  }

  /** POST {@code body} as JSON to {@code path}; must answer 200. */
  JsonNode post(String path, Object body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(uri + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body)))
            .build(),
        path);
  }

  private static JsonNode send(HttpRequest request, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  @Override
  public void close() throws Exception {
    new ProcessBuilder("bash", script(), "stop", state.toString())
        .inheritIO()
        .start()
        .waitFor(1, TimeUnit.MINUTES);
  }

  private static String script() {
    return Python.root().resolve("tests/setup/mlflow-server.sh").toString();
  }
}
