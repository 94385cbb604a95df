package dev.gradex.tracking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.buffer.RetryPolicy;
import dev.gradex.tracking.mlflow.FakeMlflow;
import dev.gradex.tracking.mlflow.MlflowTracker;
import dev.gradex.tracking.mlflow.TrackerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrackingCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new TrackingCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void flushWithoutUriExitsTwoNamingTheOption() {
    assertThat(run("flush", "--buffer", dir.toString()))
        .isEqualTo(System.getenv("MLFLOW_TRACKING_URI") == null ? 2 : 0);
  }

  @Test
  void flushToANonHttpUriExitsTwoNamingTheOptionAndValue() {
    for (String uri :
        List.of("ftp://mlflow/", "jar:file:/x.jar!/", "javascript:alert(1)", "mlflow")) {
      err.getBuffer().setLength(0);
      assertThat(run("flush", "--buffer", dir.toString(), "--tracking-uri", uri)).isEqualTo(2);
      assertThat(err.toString()).startsWith("tracking flush: --tracking-uri '" + uri + "'");
    }
  }

  @Test
  void emptyBufferDirectoryHasNothingToFlush() {
    assertThat(run("flush", "--buffer", dir.toString(), "--tracking-uri", "http://127.0.0.1:9"))
        .isZero();
    assertThat(out.toString()).isEqualTo("Nothing to flush in " + dir + ".\n");
  }

  @Test
  void bufferLeftByDeadServerIsDeliveredToLiveOneAndDeleted() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    Tracker tracker =
        MlflowTracker.open(
            TrackerConfig.builder()
                .setTrackingUri(URI.create("http://127.0.0.1:" + deadPort))
                .optBufferDir(dir)
                .optRetryPolicy(
                    new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
                .build());
    try (StageRun s = tracker.startStage("meta-train")) {
      s.logMetric("loss", 1.0, 0);
    }
    tracker.close();
    Path buffer = tracker.summary().bufferFile().orElseThrow();

    try (FakeMlflow server = new FakeMlflow()) {
      assertThat(run("flush", "--buffer", dir.toString(), "--tracking-uri", server.uri())).isZero();
      assertThat(out.toString())
          .isEqualTo(
              buffer.getFileName() + ": MLflow at " + server.uri() + ": 5 calls delivered.\n");
      assertThat(server.to("runs/create")).hasSize(2);
      assertThat(server.to("runs/log-batch")).hasSize(1);
      assertThat(server.to("runs/update")).hasSize(2);
    }
    assertThat(Files.exists(buffer)).isFalse();
  }
}
