package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny in-memory KFP API server on loopback, the upstream of the contract-checking Prism proxy.
 * It stores what it is sent and answers in the v2beta1 shapes; runs advance one state per read.
 */
public final class FakeKfpServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIME = "2026-11-24T12:00:00Z";
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");

  private final HttpServer server;
  private final AtomicInteger ids = new AtomicInteger();
  public final AtomicInteger requests = new AtomicInteger();
  public final Map<String, ObjectNode> pipelines = new LinkedHashMap<>();
  public final Map<String, ObjectNode> versions = new LinkedHashMap<>();
  public final Map<String, ObjectNode> experiments = new LinkedHashMap<>();
  public final Map<String, ObjectNode> runs = new LinkedHashMap<>();
  public final Map<String, ObjectNode> recurring = new LinkedHashMap<>();
  public final List<String> uploadedFiles = new ArrayList<>();

  /**
   * One scripted fault for the next request with this method and path (without {@code
   * /apis/v2beta1}): answer {@code status} without doing anything ({@code processFirst} false), or
   * do the request and then answer {@code status} (a gateway that gave up after the server acted),
   * or, with {@code status} 0, answer 200 only after {@code delayMillis}.
   */
  public record Fault(
      String method, String path, int status, boolean processFirst, long delayMillis) {}

  /** Faults still to be used, first match first. */
  public final java.util.List<Fault> faults = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** {@code METHOD path} of every request, in order. */
  public final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FakeKfpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath().replaceFirst("^/apis/v2beta1", "");
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    byte[] body = ex.getRequestBody().readAllBytes();
    seen.add(method + " " + path);
    Fault fault = takeFault(method, path);
    if (fault != null && !fault.processFirst()) {
      reply(ex, fault.status(), unavailable());
      return;
    }
    Object out;
    try {
      out = route(method, path, q, body);
    } catch (NotFound e) {
      reply(ex, 404, JSON.createObjectNode().put("code", 5).put("message", e.getMessage()));
      return;
    }
    if (fault != null && fault.status() > 0) {
      reply(ex, fault.status(), unavailable());
    } else if (fault != null) {
      // Answer late from another thread, so the server keeps serving the client's retries.
      java.util.concurrent.CompletableFuture.delayedExecutor(
              fault.delayMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .execute(
              () -> {
                try {
                  reply(ex, 200, out);
                } catch (IOException e) {
                  ex.close(); // the client gave up waiting
                }
              });
    } else {
      reply(ex, 200, out);
    }
  }

  private Fault takeFault(String method, String path) {
    for (Fault f : faults) {
      if (f.method().equals(method) && f.path().equals(path) && faults.remove(f)) {
        return f;
      }
    }
    return null;
  }

  private static ObjectNode unavailable() {
    return JSON.createObjectNode().put("code", 14).put("message", "upstream connect error");
  }

  private Object route(String method, String path, Map<String, String> q, byte[] body)
      throws IOException {
    Matcher m;
    if (method.equals("POST") && path.equals("/pipelines/upload")) {
      return upload(q, body);
    } else if (method.equals("POST") && path.equals("/pipelines")) {
      ObjectNode p = (ObjectNode) JSON.readTree(body);
      p.put("pipeline_id", id()).put("created_at", TIME);
      pipelines.put(p.get("pipeline_id").asText(), p);
      return p;
    } else if (method.equals("POST") && path.equals("/pipelines/upload_version")) {
      return addVersion(q.get("pipelineid"), q.get("name"), body);
    } else if ((m = match("/pipelines/names/(.+)", path)) != null) {
      String name = m.group(1);
      return pipelines.values().stream()
          .filter(p -> p.get("name").asText().equals(name))
          .findFirst()
          .orElseThrow(() -> new NotFound("pipeline " + name));
    } else if ((m = match("/pipelines/([^/]+)/versions", path)) != null) {
      String id = m.group(1);
      List<ObjectNode> list = new ArrayList<>();
      versions.values().stream()
          .filter(v -> v.get("pipeline_id").asText().equals(id))
          .forEach(v -> list.add(0, v));
      return list("pipeline_versions", list);
    } else if (method.equals("POST") && path.equals("/experiments")) {
      ObjectNode e = (ObjectNode) JSON.readTree(body);
      e.put("experiment_id", id()).put("created_at", TIME).put("storage_state", "AVAILABLE");
      experiments.put(e.get("experiment_id").asText(), e);
      return e;
    } else if (method.equals("GET") && path.equals("/experiments")) {
      String wanted =
          q.containsKey("filter")
              ? JSON.readTree(q.get("filter")).at("/predicates/0/string_value").asText()
              : null;
      return list(
          "experiments",
          experiments.values().stream()
              .filter(e -> wanted == null || e.get("display_name").asText().equals(wanted))
              .toList());
    } else if (method.equals("POST") && path.equals("/runs")) {
      ObjectNode r = (ObjectNode) JSON.readTree(body);
      r.put("run_id", id()).put("created_at", TIME).put("state", "PENDING");
      runs.put(r.get("run_id").asText(), r);
      return r;
    } else if (method.equals("GET") && path.equals("/runs")) {
      return list("runs", new ArrayList<>(runs.values()));
    } else if ((m = match("/runs/([^/:]+)", path)) != null) {
      ObjectNode r = find(runs, m.group(1));
      String next =
          switch (r.get("state").asText()) {
            case "PENDING" -> "RUNNING";
            default -> "SUCCEEDED";
          };
      r.put("state", next);
      if (next.equals("SUCCEEDED")) {
        r.put("finished_at", TIME);
      }
      return r;
    } else if (method.equals("POST") && path.equals("/recurringruns")) {
      ObjectNode r = (ObjectNode) JSON.readTree(body);
      r.put("recurring_run_id", id()).put("created_at", TIME).put("updated_at", TIME);
      r.put("status", r.path("mode").asText().equals("DISABLE") ? "DISABLED" : "ENABLED");
      recurring.put(r.get("recurring_run_id").asText(), r);
      return r;
    } else if (method.equals("GET") && path.equals("/recurringruns")) {
      return list("recurringRuns", new ArrayList<>(recurring.values()));
    } else if ((m = match("/recurringruns/([^/:]+):(enable|disable)", path)) != null) {
      boolean on = m.group(2).equals("enable");
      find(recurring, m.group(1))
          .put("status", on ? "ENABLED" : "DISABLED")
          .put("mode", on ? "ENABLE" : "DISABLE");
      return JSON.createObjectNode();
    } else if ((m = match("/recurringruns/([^/:]+)", path)) != null) {
      ObjectNode r = find(recurring, m.group(1));
      if (method.equals("DELETE")) {
        recurring.remove(m.group(1));
        return JSON.createObjectNode();
      }
      return r;
    }
    throw new NotFound(method + " " + path + " is not faked");
  }

  private ObjectNode upload(Map<String, String> q, byte[] body) {
    String id = id();
    ObjectNode p =
        JSON.createObjectNode()
            .put("pipeline_id", id)
            .put("name", q.get("name"))
            .put("display_name", q.getOrDefault("display_name", q.get("name")))
            .put("created_at", TIME);
    if (q.containsKey("description")) {
      p.put("description", q.get("description"));
    }
    pipelines.put(id, p);
    addVersion(id, q.get("name"), body);
    return p;
  }

  private ObjectNode addVersion(String pipelineId, String name, byte[] multipart) {
    find(pipelines, pipelineId);
    String text = new String(multipart, StandardCharsets.UTF_8);
    Matcher field = NAME.matcher(text);
    uploadedFiles.add((field.find() ? field.group(1) : "?") + ":" + text.length());
    ObjectNode v =
        JSON.createObjectNode()
            .put("pipeline_id", pipelineId)
            .put("pipeline_version_id", id())
            .put("name", name)
            .put("display_name", name)
            .put("created_at", TIME);
    versions.put(v.get("pipeline_version_id").asText(), v);
    return v;
  }

  private static ObjectNode list(String field, List<ObjectNode> items) {
    ObjectNode out = JSON.createObjectNode();
    out.putArray(field).addAll(items);
    out.put("total_size", items.size());
    return out;
  }

  private static ObjectNode find(Map<String, ObjectNode> map, String id) {
    ObjectNode n = map.get(id);
    if (n == null) {
      throw new NotFound("no object " + id);
    }
    return n;
  }

  private String id() {
    return String.format("00000000-0000-4000-8000-%012d", ids.incrementAndGet());
  }

  private static Matcher match(String regex, String path) {
    Matcher m = Pattern.compile(regex).matcher(path);
    return m.matches() ? m : null;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        q.put(
            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static void reply(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }
}
