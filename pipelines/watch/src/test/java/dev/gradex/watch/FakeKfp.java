package dev.gradex.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory KFP v2beta1 API on loopback with one pipeline ("gradex", one version), experiments
 * and runs. Runs keep the state tests give them; created runs start PENDING. It records the {@code
 * Authorization} header of every request, so a test can tell which credential the watcher sent.
 * Public for the tests module (test-jar).
 */
public final class FakeKfp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  final List<ObjectNode> runs = new ArrayList<>();
  final List<ObjectNode> experiments = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private int ids;

  /**
   * A scripted fault for the next request with this method and path (without {@code
   * /apis/v2beta1}): answer {@code status} without acting ({@code processFirst} false), act and
   * then answer {@code status}, or act and answer 200 only after {@code delayMillis} ({@code
   * status} 0).
   */
  record Fault(String method, String path, int status, boolean processFirst, long delayMillis) {}

  /** Faults still to be used, first match first. */
  final List<Fault> faults = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** {@code METHOD path} of every request, in order. */
  final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FakeKfp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds a run in the given state to the experiment named {@code experiment} (created if new). */
  public synchronized void addRun(String experiment, String state) {
    ObjectNode r = JSON.createObjectNode();
    r.put("run_id", "run-" + ++ids).put("display_name", "manual").put("state", state);
    r.put("experiment_id", experiment(experiment).get("experiment_id").asText());
    runs.add(r);
  }

  public synchronized List<ObjectNode> createdRuns() {
    return runs.stream().filter(r -> r.has("runtime_config")).toList();
  }

  /** Sets the state of every run (e.g. {@code SUCCEEDED} to end the active ones). */
  public synchronized void setAllRunStates(String state) {
    runs.forEach(r -> r.put("state", state));
  }

  /** The {@code Authorization} header of every request so far, in order ("" when absent). */
  public synchronized List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath().replaceFirst("^/apis/v2beta1", "");
    String method = ex.getRequestMethod();
    byte[] body = ex.getRequestBody().readAllBytes();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    seen.add(method + " " + path);
    Fault fault = null;
    for (Fault f : faults) {
      if (f.method().equals(method) && f.path().equals(path) && faults.remove(f)) {
        fault = f;
        break;
      }
    }
    if (fault != null && !fault.processFirst()) {
      reply(
          ex,
          fault.status(),
          JSON.createObjectNode().put("code", 14).put("message", "unavailable"));
      return;
    }
    Object out;
    if (path.equals("/pipelines/names/gradex")) {
      out = JSON.createObjectNode().put("pipeline_id", "p-1").put("name", "gradex");
    } else if (path.equals("/pipelines/p-1/versions")) {
      ObjectNode v = JSON.createObjectNode().put("pipeline_id", "p-1");
      v.put("pipeline_version_id", "v-1").put("display_name", "v1");
      out = list("pipeline_versions", List.of(v));
    } else if (path.startsWith("/pipelines/names/")) {
      reply(ex, 404, JSON.createObjectNode().put("code", 5).put("message", "not found"));
      return;
    } else if (path.equals("/experiments") && method.equals("GET")) {
      out = list("experiments", experiments);
    } else if (path.equals("/experiments")) {
      out = experiment(JSON.readTree(body).get("display_name").asText());
    } else if (path.equals("/runs") && method.equals("GET")) {
      String exp = query(ex, "experiment_id");
      out = list("runs", runs.stream().filter(r -> exp == null || exp.equals(text(r))).toList());
    } else if (path.startsWith("/runs/") && method.equals("GET")) {
      String id = path.substring("/runs/".length());
      ObjectNode run =
          runs.stream().filter(r -> id.equals(r.path("run_id").asText())).findFirst().orElse(null);
      if (run == null) {
        reply(ex, 404, JSON.createObjectNode().put("code", 5).put("message", "no run " + id));
        return;
      }
      out = run;
    } else if (path.equals("/runs")) {
      ObjectNode r = (ObjectNode) JSON.readTree(body);
      r.put("run_id", "run-" + ++ids).put("state", "PENDING");
      runs.add(r);
      out = r;
    } else {
      reply(ex, 404, JSON.createObjectNode().put("message", method + " " + path));
      return;
    }
    if (fault != null && fault.status() > 0) {
      reply(
          ex,
          fault.status(),
          JSON.createObjectNode().put("code", 14).put("message", "unavailable"));
    } else if (fault != null) {
      Object late = out;
      // Answer late from another thread, so the fake keeps serving the client's retries.
      java.util.concurrent.CompletableFuture.delayedExecutor(
              fault.delayMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .execute(
              () -> {
                try {
                  reply(ex, 200, late);
                } catch (IOException e) {
                  ex.close(); // the client gave up waiting
                }
              });
    } else {
      reply(ex, 200, out);
    }
  }

  private static String text(ObjectNode run) {
    return run.path("experiment_id").asText(null);
  }

  private ObjectNode experiment(String name) {
    for (ObjectNode e : experiments) {
      if (e.get("display_name").asText().equals(name)) {
        return e;
      }
    }
    ObjectNode e = JSON.createObjectNode().put("experiment_id", "e-" + ++ids);
    e.put("display_name", name);
    experiments.add(e);
    return e;
  }

  private static String query(HttpExchange ex, String key) {
    String q = ex.getRequestURI().getQuery();
    if (q == null) {
      return null;
    }
    for (String kv : q.split("&")) {
      String[] p = kv.split("=", 2);
      if (p[0].equals(key) && p.length == 2) {
        return p[1];
      }
    }
    return null;
  }

  private static ObjectNode list(String field, List<ObjectNode> items) {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode a = n.putArray(field);
    items.forEach(a::add);
    n.put("total_size", items.size());
    return n;
  }

  private static void reply(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
