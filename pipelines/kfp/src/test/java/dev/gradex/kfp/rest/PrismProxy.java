package dev.gradex.kfp.rest;

import dev.gradex.kfp.KfpFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prism ({@code prism proxy --errors}) in front of an upstream, enforcing the KFP v2beta1 API
 * description on every request and response: a violation becomes an HTTP error with the list of
 * violations. Listens on loopback only; {@link #close()} stops it.
 */
public final class PrismProxy implements AutoCloseable {
  private final Process process;
  private final int port;
  private final StringBuffer log = new StringBuffer();

  public PrismProxy(URI upstream) throws IOException, InterruptedException {
    port = freePort();
    String swagger = KfpFixtures.shared("kfp_api_v2beta1.swagger.json").toString();
    process =
        new ProcessBuilder(
                List.of(
                    KfpFixtures.prism(),
                    "proxy",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--errors",
                    swagger,
                    upstream.toString()))
            .redirectErrorStream(true)
            .start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  log.append(line).append('\n');
                  if (line.contains("Prism is listening")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                log.append(e).append('\n');
              }
            },
            "prism-log");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(90, TimeUnit.SECONDS)) {
      close();
      throw new IllegalStateException("Prism did not start:\n" + log);
    }
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public String log() {
    return log.toString();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
