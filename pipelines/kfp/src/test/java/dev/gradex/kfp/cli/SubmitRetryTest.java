package dev.gradex.kfp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.rest.FakeKfpServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradex submit} through transient KFP failures: nothing made twice. */
class SubmitRetryTest {
  private FakeKfpServer server;
  @TempDir Path tmp;

  @BeforeEach
  void start() throws Exception {
    server = new FakeKfpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void transient503sOnUploadAndRunCreation_afterTheServerActed_giveOnePipelineOneVersionOneRun()
      throws Exception {
    // Refused before acting, then acted but answered 503 (a gateway that gave up): each retry
    // looks the object up first and finds it.
    server.faults.add(new FakeKfpServer.Fault("POST", "/pipelines", 503, false, 0));
    server.faults.add(new FakeKfpServer.Fault("POST", "/pipelines/upload_version", 503, true, 0));
    server.faults.add(new FakeKfpServer.Fault("POST", "/experiments", 503, true, 0));
    server.faults.add(new FakeKfpServer.Fault("POST", "/runs", 503, true, 0));

    long start = System.nanoTime();
    Cli r = submit();
    System.out.printf(
        "FAULTS kfp-submit-4x503: %d requests, %d ms%n",
        server.seen.size(), (System.nanoTime() - start) / 1_000_000);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.pipelines).hasSize(1);
    assertThat(server.versions).hasSize(1);
    assertThat(server.experiments).hasSize(1);
    assertThat(server.runs).hasSize(1);
    assertThat(server.faults).isEmpty();
    assertThat(r.out()).contains("run " + server.runs.keySet().iterator().next() + " created");
    assertThat(server.seen.stream().filter("POST /pipelines/upload_version"::equals)).hasSize(1);
    assertThat(server.seen.stream().filter("POST /runs"::equals)).hasSize(1);
  }

  @Test
  void apiThatKeepsAnswering503_exitsOneWithOneLineNamingHostPathAndAttempts() {
    for (int i = 0; i < 5; i++) {
      server.faults.add(new FakeKfpServer.Fault("GET", "/pipelines/names/gradex", 503, false, 0));
    }
    Cli r = submit();
    System.out.println("FAULTS kfp-submit-down: " + r.err().strip());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .matches(
            "submit: KFP API GET "
                + server.uri()
                + "/apis/v2beta1/pipelines/names/gradex: 503 after 5 attempts over \\d+\\.\\d s:"
                + " upstream connect error");
    assertThat(server.pipelines).isEmpty();
  }

  private Cli submit() {
    SubmitCommand cmd = new SubmitCommand();
    cmd.connection = new KfpConnection();
    cmd.connection.podNamespaceFile = tmp.resolve("no-pod-namespace");
    cmd.connection.env = k -> null;
    List<String> args =
        List.of(
            "--host",
            server.uri().toString(),
            "--pipeline-file",
            KfpFixtures.goldenPipeline().toString());
    return Cli.run(cmd, args.toArray(String[]::new));
  }
}
