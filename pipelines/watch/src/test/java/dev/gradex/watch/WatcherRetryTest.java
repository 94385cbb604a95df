package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.kfp.rest.KfpApiException;
import dev.gradex.kfp.rest.KfpClient;
import dev.gradex.kfp.rest.KfpRetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The watcher through KFP API faults (the fake KFP's fault script): reads retried, a run created
 * once per set of source digests even when its create times out or the watcher dies before saving
 * its state, and a clear failure when KFP stays down.
 */
class WatcherRetryTest {
  @TempDir Path dir;
  private FakeKfp kfp;
  private WatchConfig config;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    kfp = new FakeKfp();
    Files.writeString(dir.resolve("aux.jsonl"), "{\"prompt\":\"c\",\"completion\":\"d\"}\n");
    Files.writeString(dir.resolve("t.jsonl"), "{\"prompt\":\"a\",\"completion\":\"b\"}\n");
    Files.writeString(
        dir.resolve("watch.yaml"),
        String.join(
            "\n",
            "sources:",
            "  - {name: target, uri: " + dir.resolve("t.jsonl") + "}",
            "  - {name: aux, uri: " + dir.resolve("aux.jsonl") + "}",
            "kfp: {host: " + kfp.uri() + "}",
            "pipeline: gradex",
            "experiment: reselect",
            "state: {file: " + dir.resolve("state.json") + "}",
            ""));
    config = WatchConfig.load(dir.resolve("watch.yaml"));
  }

  @AfterEach
  void tearDown() {
    kfp.close();
  }

  private Watcher watcher(StateStore state, Duration timeout) {
    KfpClient client =
        KfpClient.builder()
            .setHost(kfp.uri())
            .optRequestTimeout(timeout)
            .optRetry(new KfpRetry(KfpRetry.defaultBackoff(), new SplittableRandom(2), sleeps::add))
            .build();
    return new Watcher(
        config.sources(),
        new SourceDigests(new LocalDigester(), null),
        state,
        new KfpRunLauncher(client, config, Clock.systemUTC()),
        Clock.systemUTC());
  }

  private FileStateStore state() {
    return new FileStateStore(dir.resolve("state.json"));
  }

  @Test
  void listingAnswered503IsRetriedAndOneRunStarts() throws Exception {
    kfp.addRun("reselect", "SUCCEEDED");
    for (int i = 0; i < 3; i++) {
      kfp.faults.add(new FakeKfp.Fault("GET", "/runs", 503, false, 0));
    }
    WatchOutcome out = watcher(state(), Duration.ofSeconds(5)).run(false);

    assertThat(out.action()).isEqualTo(WatchOutcome.Action.STARTED);
    assertThat(kfp.createdRuns()).hasSize(1);
    assertThat(kfp.faults).isEmpty();
    assertThat(sleeps).hasSize(3);
    assertThat(state().load().orElseThrow().runId()).isEqualTo(out.runId());
  }

  @Test
  void createThatTimesOutAfterKfpMadeTheRun_leavesExactlyOneRunForTheDigests() throws Exception {
    kfp.faults.add(new FakeKfp.Fault("POST", "/runs", 0, true, 1500));

    WatchOutcome out = watcher(state(), Duration.ofMillis(400)).run(false);

    assertThat(kfp.createdRuns()).hasSize(1);
    String made = kfp.createdRuns().get(0).get("run_id").asText();
    assertThat(out.runId()).isEqualTo(made);
    assertThat(kfp.seen.stream().filter("POST /runs"::equals)).hasSize(1);
    String key = KfpRunLauncher.runKey(SourceDigests.toJson(out.digests()));
    assertThat(key).matches("[0-9a-f]{16}");
    assertThat(kfp.createdRuns().get(0).get("display_name").asText())
        .startsWith("gradex-reselect-" + key + "-");
  }

  @Test
  void rerunAfterACrashBetweenCreateAndStateSave_startsNoSecondRun() throws Exception {
    StateStore dying =
        new StateStore() {
          @Override
          public Optional<WatchState> load() throws IOException {
            return Optional.empty();
          }

          @Override
          public void save(WatchState s) throws IOException {
            throw new IOException("watcher killed before saving its state");
          }

          @Override
          public String describe() {
            return "dying";
          }
        };
    assertThatThrownBy(() -> watcher(dying, Duration.ofSeconds(5)).run(false))
        .hasMessageContaining("killed");
    assertThat(kfp.createdRuns()).hasSize(1);
    kfp.runs.forEach(r -> r.put("state", "SUCCEEDED")); // and the run finished meanwhile

    WatchOutcome again = watcher(state(), Duration.ofSeconds(5)).run(false);

    assertThat(kfp.createdRuns()).hasSize(1);
    assertThat(again.runId()).isEqualTo(kfp.createdRuns().get(0).get("run_id").asText());
    assertThat(state().load().orElseThrow().runId()).isEqualTo(again.runId());
    assertThat(watcher(state(), Duration.ofSeconds(5)).run(false).action())
        .isEqualTo(WatchOutcome.Action.UNCHANGED);
  }

  @Test
  void createRefusedWith503OnEveryAttempt_failsAfterFiveAttemptsWithoutARun() {
    for (int i = 0; i < 5; i++) {
      kfp.faults.add(new FakeKfp.Fault("POST", "/runs", 503, false, 0));
    }
    assertThatThrownBy(() -> watcher(state(), Duration.ofSeconds(5)).run(false))
        .isInstanceOf(KfpApiException.class)
        .hasMessageMatching(
            "KFP API POST "
                + kfp.uri()
                + "/apis/v2beta1/runs: 503 after 5 attempts over \\d+\\.\\d s: unavailable");
    assertThat(kfp.seen.stream().filter("POST /runs"::equals)).hasSize(5);
    System.out.println(
        "FAULTS kfp-watch-create-down: " + kfp.seen.size() + " requests, pauses " + sleeps);
    assertThat(kfp.createdRuns()).isEmpty();
    assertThat(Files.exists(dir.resolve("state.json"))).isFalse();
  }

  @Test
  void watchCommandWhoseKfpStaysDown_exitsOneWithOneLineAndNoStackTrace() throws Exception {
    for (int i = 0; i < 5; i++) {
      kfp.faults.add(new FakeKfp.Fault("GET", "/experiments", 503, false, 0));
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new WatchCommand())
              .execute("--config", dir.resolve("watch.yaml").toString());
    } finally {
      System.setErr(saved);
    }
    System.out.println(
        "FAULTS kfp-watch-command-down: " + err.toString(StandardCharsets.UTF_8).strip());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .matches(
            "gradex watch: KFP API GET "
                + kfp.uri()
                + "/apis/v2beta1/experiments: 503 after 5 attempts over \\d+\\.\\d s: unavailable");
  }
}
