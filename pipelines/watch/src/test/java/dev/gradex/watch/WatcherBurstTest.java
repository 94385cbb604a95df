package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.Json;
import dev.gradex.kfp.rest.KfpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, load: the watcher under a burst of source changes, with passes in parallel threads that
 * share one state file (as overlapping CronJob pods or a hand-run pass would), each with its own
 * KFP client, against the fake KFP. While a run is active nothing starts; when it ends exactly one
 * run starts, for the latest version; no version ever gets two runs.
 */
class WatcherBurstTest {
  private static final ObjectMapper JSON = Json.JSON;
  private static final int UPDATES = 100;
  private static final int PARALLEL = 8;

  @TempDir Path dir;
  private FakeKfp kfp;
  private WatchConfig config;
  private ExecutorService pool;

  @BeforeEach
  void setUp() throws Exception {
    kfp = new FakeKfp();
    pool = Executors.newFixedThreadPool(PARALLEL);
    write(0);
    Path yaml = dir.resolve("watch.yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "sources: [{name: web, uri: " + dir.resolve("web.jsonl") + "}]",
            "kfp: {host: '" + kfp.uri() + "'}",
            "pipeline: gradex",
            "state: {file: " + dir.resolve("state.json") + "}",
            ""));
    config = WatchConfig.load(yaml);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    kfp.close();
  }

  @Test
  void hundredUpdatesWhileARunIsActive_startNothingThenExactlyOneRunForTheLatestVersion()
      throws Exception {
    assertThat(pass().action()).isEqualTo(WatchOutcome.Action.STARTED);
    for (int v = 1; v <= UPDATES; v++) {
      write(v);
      assertThat(pass().action()).isEqualTo(WatchOutcome.Action.ACTIVE_RUN);
      assertThat(parallelPasses()).allMatch(a -> a == WatchOutcome.Action.ACTIVE_RUN);
    }
    assertThat(kfp.createdRuns()).hasSize(1);

    kfp.setAllRunStates("SUCCEEDED");
    List<WatchOutcome.Action> after = parallelPasses();

    assertThat(after).containsOnlyOnce(WatchOutcome.Action.STARTED);
    assertThat(kfp.createdRuns()).hasSize(2);
    String latest = new LocalDigester().digest(dir.resolve("web.jsonl").toString());
    assertThat(digestOf(kfp.createdRuns().get(1))).isEqualTo(latest);
  }

  @Test
  void sequenceOfVersionsWithParallelPasses_neverTwoRunsForOneVersion() throws Exception {
    for (int v = 0; v < 30; v++) {
      write(1000 + v);
      List<WatchOutcome.Action> actions = parallelPasses();
      assertThat(actions).as("version " + v).containsOnlyOnce(WatchOutcome.Action.STARTED);
      assertThat(parallelPasses())
          .as("again, version " + v)
          .doesNotContain(WatchOutcome.Action.STARTED);
      kfp.setAllRunStates("SUCCEEDED");
    }
    Set<String> digests = new HashSet<>();
    for (JsonNode run : kfp.createdRuns()) {
      assertThat(digests.add(digestOf(run))).as("a second run for " + digestOf(run)).isTrue();
    }
    assertThat(digests).hasSize(30);
  }

  /** One pass with its own state store object and KFP client on the shared file and server. */
  private WatchOutcome pass() throws Exception {
    KfpClient client = KfpClient.builder().setHost(kfp.uri()).build();
    Watcher w =
        new Watcher(
            config.sources(),
            new SourceDigests(new LocalDigester(), null),
            new FileStateStore(dir.resolve("state.json")),
            new KfpRunLauncher(client, config, Clock.systemUTC()),
            Clock.systemUTC());
    return w.run(false);
  }

  /** {@value #PARALLEL} passes released at once by a barrier. */
  private List<WatchOutcome.Action> parallelPasses() throws Exception {
    CyclicBarrier start = new CyclicBarrier(PARALLEL);
    List<Future<WatchOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return pass();
              }));
    }
    List<WatchOutcome.Action> out = new ArrayList<>();
    for (Future<WatchOutcome> f : futures) {
      out.add(f.get().action());
    }
    return out;
  }

  private void write(int version) throws Exception {
    Files.writeString(dir.resolve("web.jsonl"), "{\"text\": \"version " + version + "\"}\n");
  }

  private static String digestOf(JsonNode run) throws Exception {
    return JSON.readTree(run.at("/runtime_config/parameters/source_digests").asText())
        .path("web")
        .asText();
  }
}
