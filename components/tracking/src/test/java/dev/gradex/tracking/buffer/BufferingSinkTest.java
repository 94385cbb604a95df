package dev.gradex.tracking.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.tracking.MutableClock;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.rest.MlflowApiException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferingSinkTest {
  private static final RetryPolicy POLICY =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

  @TempDir Path dir;
  private final FakeExecutor executor = new FakeExecutor();
  private final List<Duration> sleeps = new ArrayList<>();
  private final MutableClock clock = new MutableClock();
  private SpillFile spill;
  private BufferingSink sink;

  @BeforeEach
  void setUp() {
    spill = new SpillFile(dir.resolve("buf.jsonl"));
    sink = new BufferingSink(executor, spill, POLICY, sleeps::add, clock, new SplittableRandom(5));
  }

  private static ObjectNode body(String key, int value) {
    return JsonNodeFactory.instance.objectNode().put(key, value);
  }

  @Test
  void reachableServerGetsEveryCallInOrderAndNoFileIsWritten() {
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    sink.submit(Call.Kind.LOG_BATCH, "r", body("b", 2));
    sink.submit(Call.Kind.END_RUN, "r", body("c", 3));

    assertThat(executor.deliveredSeqs()).containsExactly(1L, 2L, 3L);
    assertThat(sleeps).isEmpty();
    assertThat(spill.exists()).isFalse();
    TrackingSummary s = sink.summary();
    assertThat(s.delivered()).isEqualTo(3);
    assertThat(s.message()).isEqualTo("MLflow at http://127.0.0.1:9: 3 calls delivered.");
  }

  @Test
  void transientFailuresAreRetriedWithBackoffThenDelivered() {
    executor.script.add(Kind.UNREACHABLE);
    executor.script.add(Kind.TRANSIENT);
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));

    assertThat(executor.deliveredSeqs()).containsExactly(1L);
    assertPausesUnder(sleeps, 200, 400);
  }

  @Test
  void unreachableServerBuffersToFileInOrderAndProbesOnlyAfterInterval() throws Exception {
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    executor.always = Kind.UNREACHABLE;
    sink.submit(Call.Kind.LOG_BATCH, "r", body("b", 2));
    int attemptsAfterOutage = executor.attempts;
    sink.submit(Call.Kind.LOG_BATCH, "r", body("c", 3));
    sink.submit(Call.Kind.END_RUN, "r", body("d", 4));

    assertThat(attemptsAfterOutage).isEqualTo(1 + 3);
    assertThat(executor.attempts).as("no probe before the interval").isEqualTo(4);
    assertPausesUnder(sleeps, 200, 400);
    SpillFile.Contents onDisk = spill.read();
    assertThat(onDisk.calls()).extracting(Call::seq).containsExactly(2L, 3L, 4L);
    assertThat(onDisk.refs()).containsOnlyKeys("r");
    assertThat(onDisk.refs().get("r").runId()).isEqualTo("id-r");
    TrackingSummary s = sink.summary();
    assertThat(s.pending()).isEqualTo(3);
    assertThat(s.message())
        .isEqualTo(
            "MLflow unreachable at http://127.0.0.1:9: 3 calls buffered in "
                + spill.path()
                + "; run `gradex tracking flush --buffer "
                + spill.path()
                + " --tracking-uri http://127.0.0.1:9` later (1 delivered).");

    clock.advance(Duration.ofSeconds(30));
    sink.submit(Call.Kind.LOG_BATCH, "r", body("e", 5));
    assertThat(executor.attempts).as("one probe, no retries").isEqualTo(5);
    assertThat(spill.read().calls()).extracting(Call::seq).containsExactly(2L, 3L, 4L, 5L);
  }

  @Test
  void serverReturningDeliversBufferedCallsInOrderAndDeletesFile() {
    executor.always = Kind.UNREACHABLE;
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    sink.submit(Call.Kind.LOG_BATCH, "r", body("b", 2));
    executor.always = null;

    assertThat(sink.flush()).isTrue();

    assertThat(executor.deliveredSeqs()).containsExactly(1L, 2L);
    assertThat(spill.exists()).isFalse();
    assertThat(sink.summary().complete()).isTrue();
  }

  @Test
  void probeAfterIntervalDeliversBacklogBeforeNewCall() {
    executor.always = Kind.UNREACHABLE;
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    sink.submit(Call.Kind.LOG_BATCH, "r", body("b", 2));
    executor.always = null;
    clock.advance(Duration.ofSeconds(31));

    sink.submit(Call.Kind.LOG_BATCH, "r", body("c", 3));

    assertThat(executor.deliveredSeqs()).containsExactly(1L, 2L, 3L);
    assertThat(spill.exists()).isFalse();
  }

  @Test
  void rejectedCallIsDroppedAndCountedWhileLaterCallsGoThrough() {
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    executor.script.add(Kind.REJECTED);
    sink.submit(Call.Kind.LOG_BATCH, "r", body("b", 2));
    sink.submit(Call.Kind.LOG_BATCH, "r", body("c", 3));

    assertThat(executor.deliveredSeqs()).containsExactly(1L, 3L);
    assertThat(sleeps).isEmpty();
    TrackingSummary s = sink.summary();
    assertThat(s.rejected()).isEqualTo(1);
    assertThat(s.problems()).containsExactly("call 2 (LOG_BATCH) rejected: scripted REJECTED");
    assertThat(s.message())
        .isEqualTo(
            "MLflow at http://127.0.0.1:9: 2 calls delivered. 1 calls rejected by the server"
                + " (last: call 2 (LOG_BATCH) rejected: scripted REJECTED).");
  }

  @Test
  void serverErrorOnEveryAttemptRejectsThatCallOnly() {
    executor.script.addAll(List.of(Kind.TRANSIENT, Kind.TRANSIENT, Kind.TRANSIENT));
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    sink.submit(Call.Kind.CREATE_RUN, "s", body("b", 2));

    assertThat(executor.deliveredSeqs()).containsExactly(2L);
    assertThat(sink.summary().rejected()).isEqualTo(1);
    assertThat(spill.exists()).isFalse();
  }

  @Test
  void laterProcessResumesSpillFileWithKnownRunsAndFlushes() throws Exception {
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    executor.always = Kind.UNREACHABLE;
    sink.submit(Call.Kind.LOG_BATCH, "r", body("b", 2));
    sink.submit(Call.Kind.CREATE_RUN, "s", body("c", 3));
    sink.submit(Call.Kind.LOG_BATCH, "s", body("d", 4));

    FakeExecutor later = new FakeExecutor();
    BufferingSink resumed =
        BufferingSink.resume(later, new SpillFile(spill.path()), POLICY, d -> {}, clock);
    assertThat(resumed.summary().pending()).isEqualTo(3);
    assertThat(resumed.flush()).isTrue();

    assertThat(later.deliveredSeqs()).containsExactly(2L, 3L, 4L);
    assertThat(later.delivered.get(0).body()).isEqualTo(body("b", 2));
    assertThat(resumed.summary().rejected()).as("run r resolved from the file").isZero();
    assertThat(Files.exists(spill.path())).isFalse();
  }

  @Test
  void bufferedUploadKeepsACopyOfTheFileThatOutlivesTheOriginal() throws Exception {
    Path file = Files.writeString(dir.resolve("scores.csv"), "task,score\na,1\n");
    executor.always = Kind.UNREACHABLE;
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    sink.submit(
        Call.Kind.UPLOAD,
        "r",
        JsonNodeFactory.instance.objectNode().put("file", file.toString()).put("path", "x.csv"));
    Files.delete(file);

    Call upload = spill.read().calls().get(1);
    Path copy = Path.of(upload.body().get("file").asText());
    assertThat(copy).isEqualTo(Path.of(spill.path() + ".blobs", "2-scores.csv"));
    assertThat(Files.readString(copy)).isEqualTo("task,score\na,1\n");

    executor.always = null;
    assertThat(sink.flush()).isTrue();
    assertThat(Files.exists(copy)).isFalse();
  }

  @Test
  void unwritableBufferDirectoryKeepsCallsInMemoryWithoutThrowing() throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
    SpillFile bad = new SpillFile(blocker.resolve("buf.jsonl"));
    BufferingSink s = new BufferingSink(executor, bad, POLICY, d -> {}, clock);
    executor.always = Kind.UNREACHABLE;
    s.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    s.submit(Call.Kind.LOG_BATCH, "r", body("b", 2));
    executor.always = null;

    assertThat(s.summary().pending()).isEqualTo(2);
    assertThat(s.summary().bufferFile()).isEmpty();
    assertThat(s.summary().message())
        .isEqualTo(
            "MLflow unreachable at http://127.0.0.1:9: 2 calls kept in memory only (the buffer"
                + " file could not be written) and lost if the process ends (0 delivered).");
    assertThat(s.flush()).isTrue();
    assertThat(executor.deliveredSeqs()).containsExactly(1L, 2L);
  }

  /** Equal jitter: pause k lies in [c_k / 2, c_k]. */
  static void assertPausesUnder(List<Duration> sleeps, long... ceilingsMillis) {
    assertThat(sleeps).hasSize(ceilingsMillis.length);
    for (int i = 0; i < ceilingsMillis.length; i++) {
      Duration c = Duration.ofMillis(ceilingsMillis[i]);
      assertThat(sleeps.get(i)).isBetween(c.dividedBy(2), c).isNotEqualTo(c);
    }
  }

  @Test
  void createRunCarriesOneRunKeyThroughAllItsAttempts() {
    executor.script.add(Kind.UNREACHABLE);
    executor.script.add(Kind.TRANSIENT);
    sink.submit(Call.Kind.CREATE_RUN, "r", body("a", 1));
    sink.submit(Call.Kind.CREATE_RUN, "s", body("a", 2));

    assertThat(executor.seenKeys).hasSize(4);
    assertThat(executor.seenKeys.subList(0, 3)).containsOnly(executor.seenKeys.get(0));
    assertThat(executor.seenKeys.get(0)).matches("[0-9a-f-]{36}");
    assertThat(executor.seenKeys.get(3)).isNotEqualTo(executor.seenKeys.get(0));
  }
}
