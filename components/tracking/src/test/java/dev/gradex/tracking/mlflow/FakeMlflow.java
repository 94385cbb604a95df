package dev.gradex.tracking.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A loopback stand-in for the MLflow REST API that records what it was sent. */
public final class FakeMlflow implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Request(
      String method, String path, String query, JsonNode body, String authorization) {}

  final List<Request> requests = new ArrayList<>();
  private final HttpServer server;
  private int runs;

  public FakeMlflow() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests whose path ends with {@code suffix}. */
  public synchronized List<Request> to(String suffix) {
    return requests.stream().filter(r -> r.path().endsWith(suffix)).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    synchronized (this) {
      requests.add(
          new Request(
              ex.getRequestMethod(),
              path,
              ex.getRequestURI().getQuery(),
              body.isEmpty() || !body.startsWith("{") ? null : JSON.readTree(body),
              ex.getRequestHeaders().getFirst("Authorization")));
    }
    String answer = "{}";
    if (path.endsWith("experiments/get-by-name")) {
      answer = "{\"experiment\":{\"experiment_id\":\"7\"}}";
    } else if (path.endsWith("runs/create")) {
      String id;
      synchronized (this) {
        id = "run-" + ++runs;
      }
      answer =
          "{\"run\":{\"info\":{\"run_id\":\""
              + id
              + "\",\"artifact_uri\":\"mlflow-artifacts:/7/"
              + id
              + "/artifacts\"}}}";
    }
    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
