package dev.gradex.tests.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on a free loopback port in front of a real server (MLflow, moto). Each request is
 * given to a {@link Script}, which says what to do with it: forward it, answer an error status
 * without forwarding (what a gateway in front of a down server does), or forward it and hold the
 * answer back longer than the client waits (the server acted, the client never heard). Every
 * request is recorded with what it was answered.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "transfer-encoding",
          "keep-alive",
          "date");

  /** What to do with one request. */
  public record Action(int status, String contentType, String body, Duration delay) {
    /** Forward it and return the answer at once. */
    public static Action forward() {
      return new Action(0, null, null, Duration.ZERO);
    }

    /** Answer {@code status} with this body, without forwarding. */
    public static Action answer(int status, String contentType, String body) {
      return new Action(status, contentType, body, Duration.ZERO);
    }

    /** Forward it, then wait {@code delay} before answering. */
    public static Action forwardThenDelay(Duration delay) {
      return new Action(0, null, null, delay);
    }
  }

  /** Decides each request's fate; {@code index} counts requests from 0. */
  @FunctionalInterface
  public interface Script {
    /** The action for request number {@code index}. */
    Action next(int index, String method, String pathAndQuery);
  }

  /** One request as the proxy saw it, and the status it answered (0: the client hung up). */
  public record Seen(String method, String path, int status) {}

  private final URI target;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient http;
  private final AtomicInteger index = new AtomicInteger();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Seen> arrived = new CopyOnWriteArrayList<>();
  private volatile Script script;

  /** Starts a proxy to {@code target} (e.g. {@code http://127.0.0.1:5000}). */
  public FaultProxy(URI target, Script script) throws IOException {
    this(target, script, null);
  }

  /**
   * Starts a proxy to an https {@code target} whose certificate {@code tls} trusts (the proxy
   * itself serves plain http on loopback); {@code tls} null: the JVM's default trust.
   */
  public FaultProxy(URI target, Script script, javax.net.ssl.SSLContext tls) throws IOException {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
    this.target = target;
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Replaces the script for the requests to come. */
  public void script(Script next) {
    this.script = next;
  }

  /** Every request answered so far (or given up by its client), in the order they ended. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /**
   * How many requests so far had a path ending with {@code suffix} (query left out), counted on
   * arrival (an answer held back is counted too).
   */
  public long count(String method, String suffix) {
    return arrived.stream()
        .filter(s -> s.method().equals(method) && s.path().endsWith(suffix))
        .count();
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    URI u = ex.getRequestURI();
    String pathAndQuery = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    byte[] body = ex.getRequestBody().readAllBytes();
    arrived.add(new Seen(method, u.getRawPath(), -1));
    Action a = script.next(index.getAndIncrement(), method, pathAndQuery);
    try {
      if (a.status() > 0) {
        seen.add(new Seen(method, u.getRawPath(), a.status()));
        ex.getResponseHeaders().set("Content-Type", a.contentType());
        reply(ex, a.status(), a.body().getBytes(StandardCharsets.UTF_8));
        return;
      }
      HttpResponse<byte[]> r = forward(ex, method, pathAndQuery, body);
      if (!a.delay().isZero()) {
        Thread.sleep(a.delay().toMillis());
      }
      seen.add(new Seen(method, u.getRawPath(), a.delay().isZero() ? r.statusCode() : 0));
      r.headers()
          .map()
          .forEach(
              (k, v) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT))) {
                  ex.getResponseHeaders().put(k, v);
                }
              });
      reply(ex, r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.close();
    } catch (IOException e) {
      ex.close(); // the client hung up while the answer was held back
    }
  }

  private HttpResponse<byte[]> forward(
      HttpExchange ex, String method, String pathAndQuery, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target + pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders()
        .forEach(
            (k, v) -> {
              if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT))) {
                v.forEach(value -> b.header(k, value));
              }
            });
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    boolean none = body.length == 0 || "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, none ? -1 : body.length);
    if (!none) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
