package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.tests.faults.FaultProxy;
import dev.gradex.tests.faults.FaultProxy.Action;
import dev.gradex.watch.S3ObjectStore;
import dev.gradex.watch.WatchConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's S3 listing through a fault-injecting proxy in front of moto: the SDK's standard
 * retry strategy, as {@link S3ObjectStore} sets it, rides out 503 SlowDown answers and gives up
 * after {@link S3ObjectStore#MAX_ATTEMPTS} attempts with a message naming endpoint and bucket.
 */
@Tag("fast")
class S3FaultsIT {
  private static final String SLOW_DOWN =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
          + "<Message>Please reduce your request rate.</Message><RequestId>1</RequestId></Error>";

  @TempDir static Path dir;
  private static MotoServer moto;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start(dir);
    moto.createBucket("data");
    for (int i = 0; i < 3; i++) {
      moto.put("data", "web/part-" + i + ".jsonl", "{\"i\": " + i + "}\n");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (moto != null) {
      moto.close();
    }
  }

  private static S3ObjectStore through(FaultProxy proxy) {
    return S3ObjectStore.create(
        new WatchConfig.S3(proxy.uri().toString(), "us-east-1", true, true));
  }

  @Test
  void two503sThenSuccess_listingSucceedsAfterThreeAttempts() throws Exception {
    try (FaultProxy proxy =
            new FaultProxy(
                URI.create(moto.endpoint()),
                (i, m, p) ->
                    i < 2 ? Action.answer(503, "application/xml", SLOW_DOWN) : Action.forward());
        S3ObjectStore store = through(proxy)) {
      long start = System.nanoTime();
      assertThat(store.list("data", "web/")).hasSize(3);
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertThat(proxy.seen()).extracting(FaultProxy.Seen::status).containsExactly(503, 503, 200);
      System.out.printf("FAULTS s3-503x2: 3 attempts at the proxy, listing took %d ms%n", ms);
    }
  }

  @Test
  void storeThatStays503_failsAfterTheStrategysAttemptsNamingEndpointAndBucket() throws Exception {
    try (FaultProxy proxy =
            new FaultProxy(
                URI.create(moto.endpoint()),
                (i, m, p) -> Action.answer(503, "application/xml", SLOW_DOWN));
        S3ObjectStore store = through(proxy)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> store.list("data", "web/"))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith(
              "S3 list s3://data/web/ at " + proxy.uri() + ": HTTP 503 SlowDown: ");
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertThat(proxy.seen()).hasSize(S3ObjectStore.MAX_ATTEMPTS);
      System.out.printf(
          "FAULTS s3-down: %d attempts at the proxy, failed after %d ms%n",
          proxy.seen().size(), ms);
    }
  }
}
