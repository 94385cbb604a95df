package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.retry.Backoff;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KfpClient's retries against the fake KFP API with scripted faults. */
class KfpRetryTest {
  private FakeKfpServer server;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new FakeKfpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private KfpClient client(Duration timeout) {
    return KfpClient.builder()
        .setHost(server.uri())
        .optRequestTimeout(timeout)
        .optRetry(new KfpRetry(KfpRetry.defaultBackoff(), new SplittableRandom(1), sleeps::add))
        .build();
  }

  private void fail(String method, String path, int status, int times) {
    for (int i = 0; i < times; i++) {
      server.faults.add(new FakeKfpServer.Fault(method, path, status, false, 0));
    }
  }

  @Test
  void getAnswered503TwiceIsRetriedWithJitteredPausesAndSucceeds() {
    fail("GET", "/experiments", 503, 2);
    assertThat(client(Duration.ofSeconds(5)).findExperiment("x")).isEmpty();
    assertThat(server.seen)
        .containsExactly("GET /experiments", "GET /experiments", "GET /experiments");
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void getThatKeepsFailingStopsAfterFiveAttemptsWithOneLineNamingHostPathAndAttempts() {
    fail("GET", "/runs/r-1", 502, 10);
    assertThatThrownBy(() -> client(Duration.ofSeconds(5)).getRun("r-1"))
        .isInstanceOf(KfpApiException.class)
        .hasMessageMatching(
            "KFP API GET "
                + server.uri()
                + "/apis/v2beta1/runs/r-1: 502 after 5 attempts over \\d+\\.\\d s:"
                + " upstream connect error");
    assertThat(server.seen).hasSize(5);
    assertThat(sleeps).hasSize(4);
    Backoff b = KfpRetry.defaultBackoff();
    for (int k = 1; k <= 4; k++) {
      assertThat(sleeps.get(k - 1)).isBetween(b.ceiling(k).dividedBy(2), b.ceiling(k));
    }
  }

  @Test
  void clientErrorIsNotRetried() {
    assertThatThrownBy(() -> client(Duration.ofSeconds(5)).getRun("missing"))
        .isInstanceOf(KfpApiException.class)
        .hasMessageStartingWith("KFP API error 404: GET /apis/v2beta1/runs/missing");
    assertThat(server.seen).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void unguardedPostIsNotRepeatedAfterA503() {
    fail("POST", "/runs/r-9:terminate", 503, 1);
    assertThatThrownBy(() -> client(Duration.ofSeconds(5)).terminateRun("r-9"))
        .isInstanceOf(KfpApiException.class);
    assertThat(server.seen).containsExactly("POST /runs/r-9:terminate");
  }

  @Test
  void createRunThatTimedOutAfterTheServerMadeItIsFoundNotRepeated() {
    KfpClient client = client(Duration.ofMillis(300));
    String exp = client.ensureExperiment("e").experimentId();
    server.faults.add(new FakeKfpServer.Fault("POST", "/runs", 0, true, 1500));
    RunRequest request =
        RunRequest.builder()
            .setDisplayName("once-1")
            .setPipeline("p", "v")
            .optExperimentId(exp)
            .build();

    KfpRun run =
        client.createRun(
            request,
            () ->
                client.listRuns(exp, 100).stream()
                    .filter(r -> "once-1".equals(r.displayName()))
                    .findFirst());

    assertThat(server.runs).hasSize(1);
    assertThat(run.runId()).isEqualTo(server.runs.keySet().iterator().next());
    assertThat(server.seen.stream().filter("POST /runs"::equals)).hasSize(1);
  }

  @Test
  void connectionRefusedEndsInOneLineNamingTheHost() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    KfpClient dead =
        KfpClient.builder()
            .setHost(java.net.URI.create("http://127.0.0.1:" + port))
            .optRetry(
                new KfpRetry(
                    Backoff.of(3, Duration.ofMillis(10), Duration.ofMillis(20)),
                    new SplittableRandom(1),
                    sleeps::add))
            .build();
    assertThatThrownBy(() -> dead.findPipeline("gradex"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageMatching(
            "KFP API GET http://127.0.0.1:"
                + port
                + "/apis/v2beta1/pipelines/names/gradex: ConnectException.* after 3 attempts"
                + " over \\d+\\.\\d s");
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void retryAfterSecondsAreRead() {
    assertThat(KfpRetry.retryAfter(Optional.of(" 3 "))).contains(Duration.ofSeconds(3));
    assertThat(KfpRetry.retryAfter(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isEmpty();
    assertThat(KfpRetry.retryAfter(Optional.empty())).isEmpty();
  }
}
