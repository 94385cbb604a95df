package dev.gradex.tests.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The etcd and kube-apiserver processes of one {@link KubeApiServer}, on free loopback ports, each
 * logging to a file in its directory. A JVM shutdown hook kills both if the test JVM exits first.
 */
final class KubeProcesses {
  private static final String ETCD_DATA = "etcd";
  private final Path dir;
  private final KubeCredentials credentials;
  private final Process etcd;
  private final Process apiserver;
  private final int port;
  private final Thread reaper;

  private KubeProcesses(
      Path dir, KubeCredentials credentials, Process etcd, Process apiserver, int port) {
    this.dir = dir;
    this.credentials = credentials;
    this.etcd = etcd;
    this.apiserver = apiserver;
    this.port = port;
    this.reaper = new Thread(this::kill, "kube-apiserver-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  static KubeProcesses start(KubeBinaries bin, Path dir, KubeCredentials credentials)
      throws IOException {
    int client = freePort();
    int peer = freePort();
    int secure = freePort();
    String etcdUrl = "http://127.0.0.1:" + client;
    Process etcd =
        launch(
            dir.resolve("etcd.log"),
            List.of(
                bin.etcd().toString(),
                "--data-dir",
                dir.resolve("etcd").toString(),
                "--listen-client-urls",
                etcdUrl,
                "--advertise-client-urls",
                etcdUrl,
                "--listen-peer-urls",
                "http://127.0.0.1:" + peer,
                "--initial-advertise-peer-urls",
                "http://127.0.0.1:" + peer,
                "--initial-cluster",
                "default=http://127.0.0.1:" + peer,
                "--listen-metrics-urls",
                "http://127.0.0.1:" + freePort()));
    Process apiserver;
    try {
      apiserver =
          launch(
              dir.resolve("kube-apiserver.log"),
              List.of(
                  bin.apiserver().toString(),
                  "--etcd-servers=" + etcdUrl,
                  "--bind-address=127.0.0.1",
                  "--advertise-address=127.0.0.1",
                  "--secure-port=" + secure,
                  "--cert-dir=" + dir.resolve("certs"),
                  "--service-account-issuer=https://kubernetes.default.svc",
                  "--service-account-key-file=" + credentials.publicKey(),
                  "--service-account-signing-key-file=" + credentials.signingKey(),
                  "--authorization-mode=RBAC",
                  "--token-auth-file=" + credentials.tokens(),
                  "--service-cluster-ip-range=10.96.0.0/24",
                  "--enable-priority-and-fairness=false",
                  // As on a cluster whose nodes allow privileged pods: Pod Security, not this
                  // switch, is what must refuse them.
                  "--allow-privileged=true"));
    } catch (IOException e) {
      etcd.destroyForcibly();
      throw e;
    }
    return new KubeProcesses(dir, credentials, etcd, apiserver, secure);
  }

  String url() {
    return "https://127.0.0.1:" + port;
  }

  /** The API server's self-signed serving certificate and its CA (written at start). */
  Path caCert() {
    return dir.resolve("certs").resolve("apiserver.crt");
  }

  Path etcdData() {
    return dir.resolve(ETCD_DATA);
  }

  KubeCredentials credentials() {
    return credentials;
  }

  /** Waits until the server has written its certificate (complete: the key is written after it). */
  void awaitCertificate(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(caCert().resolveSibling("apiserver.key"))) {
      alive();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("kube-apiserver wrote no " + caCert() + "\n" + logs());
      }
      Thread.sleep(200);
    }
  }

  /** Waits until /readyz says ok; fails with both logs' tails. */
  void awaitReady(KubernetesClient admin, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      alive();
      try {
        String readyz = admin.raw("/readyz");
        if ("ok".equals(readyz)) {
          return;
        }
        last = String.valueOf(readyz);
      } catch (RuntimeException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "kube-apiserver not ready within " + timeout.toSeconds() + " s (" + last + ")\n" + logs());
  }

  private void alive() {
    if (!etcd.isAlive() || !apiserver.isAlive()) {
      throw new AssertionError("etcd or kube-apiserver exited at start\n" + logs());
    }
  }

  /** Stops the API server, then etcd; kills either if it does not stop within 20 s. */
  void stop() {
    stop(apiserver);
    stop(etcd);
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }

  private void kill() {
    apiserver.destroyForcibly();
    etcd.destroyForcibly();
  }

  private static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String logs() {
    return tail(dir.resolve("etcd.log")) + "\n" + tail(dir.resolve("kube-apiserver.log"));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return log
          + " ends:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return log + ": " + e;
    }
  }

  private static Process launch(Path log, List<String> command) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
