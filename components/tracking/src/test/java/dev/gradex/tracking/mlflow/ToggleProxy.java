package dev.gradex.tracking.mlflow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A loopback forwarder to the real server that can be taken down (its port then refuses
 * connections) and brought back on the same port, to simulate an MLflow outage mid-run.
 */
final class ToggleProxy implements AutoCloseable {
  private final String target;
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private HttpServer server;

  ToggleProxy(String target) throws IOException {
    this.target = target;
    this.server = bind(0);
    this.port = server.getAddress().getPort();
  }

  String uri() {
    return "http://127.0.0.1:" + port;
  }

  synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  synchronized void up() throws IOException {
    if (server == null) {
      server = bind(port);
    }
  }

  private HttpServer bind(int p) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 0);
    s.createContext("/", this::forward);
    s.start();
    return s;
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
              .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        b.header("Content-Type", type);
      }
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      ex.getResponseBody().write(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    down();
  }
}
