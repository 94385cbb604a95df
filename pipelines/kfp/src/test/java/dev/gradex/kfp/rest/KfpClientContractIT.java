package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.kfp.KfpFixtures;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Contract tests: the client talks to a fake KFP through Prism, which rejects (HTTP 4xx/5xx with
 * the violations) any request or response that does not fit kfp_api_v2beta1.swagger.json.
 */
@Tag("dev") // developer-time: Prism with the v2beta1 API description (docs/testing.md)
class KfpClientContractIT {
  private static FakeKfpServer fake;
  private static PrismProxy prism;
  private static KfpClient client;

  @BeforeAll
  static void start() throws Exception {
    fake = new FakeKfpServer();
    prism = new PrismProxy(fake.uri());
    client =
        KfpClient.builder()
            .setHost(prism.uri())
            .optAuth(KfpAuth.bearer("test-token"))
            .optRequestTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  static void stop() {
    if (prism != null) {
      prism.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void uploadPipelineThenVersion_findByName_listsBothVersions() throws Exception {
    byte[] yaml = Files.readAllBytes(KfpFixtures.goldenPipeline());
    KfpPipeline p = client.uploadPipeline("gradex-contract", "GradEx", yaml);
    KfpPipelineVersion v2 = client.uploadVersion(p.pipelineId(), "gradex-contract-v2", yaml);

    assertThat(p.name()).isEqualTo("gradex-contract");
    assertThat(v2.pipelineId()).isEqualTo(p.pipelineId());
    assertThat(client.findPipeline("gradex-contract")).contains(p);
    assertThat(client.findPipeline("no-such-pipeline")).isEmpty();
    assertThat(client.listVersions(p.pipelineId()))
        .extracting(KfpPipelineVersion::name)
        .containsExactly("gradex-contract-v2", "gradex-contract");
    assertThat(fake.uploadedFiles).allMatch(f -> f.startsWith("uploadfile:"));
  }

  @Test
  void ensureExperiment_createsOnceThenFindsIt() {
    KfpExperiment first = client.ensureExperiment("gradex-reselection");
    KfpExperiment second = client.ensureExperiment("gradex-reselection");
    assertThat(second.experimentId()).isEqualTo(first.experimentId());
    assertThat(second.displayName()).isEqualTo("gradex-reselection");
  }

  @Test
  void createRunWithParameters_followsItToSucceeded() throws Exception {
    KfpPipeline p = client.uploadPipeline("gradex-run", null, new byte[] {'a'});
    KfpExperiment e = client.ensureExperiment("gradex-runs");
    KfpRun run =
        client.createRun(
            RunRequest.builder()
                .setDisplayName("gradex manual")
                .setPipeline(p.pipelineId(), null)
                .optExperimentId(e.experimentId())
                .optParameters(
                    Map.of(
                        "estimate_subsets",
                        200,
                        "source_digests",
                        "a=1",
                        "shard_indices",
                        List.of(0, 1)))
                .build());
    List<String> states = new ArrayList<>();
    KfpRun done =
        client.waitForRun(
            run.runId(), Duration.ofSeconds(30), Duration.ofMillis(10), r -> states.add(r.state()));

    assertThat(run.state()).isEqualTo("PENDING");
    assertThat(states).containsExactly("RUNNING", "SUCCEEDED");
    assertThat(done.succeeded()).isTrue();
    assertThat(fake.runs.get(run.runId()).at("/runtime_config/parameters/estimate_subsets").asInt())
        .isEqualTo(200);
    assertThat(client.listRuns(e.experimentId(), 10))
        .extracting(KfpRun::runId)
        .contains(run.runId());
  }

  @Test
  void recurringRunWithSecondsCron_roundTripsThroughTheContractCheckedServer() {
    KfpPipeline p = client.uploadPipeline("gradex-scheduled", null, new byte[] {'a'});
    KfpExperiment e = client.ensureExperiment("gradex-schedules");
    RecurringRun created =
        client
            .recurringRuns()
            .create(
                RecurringRunRequest.builder()
                    .setDisplayName("gradex nightly reselection")
                    .setPipeline(p.pipelineId(), null)
                    .setCron("0 30 2 * * *")
                    .optExperimentId(e.experimentId())
                    .optParameters(Map.of("source_digests", "a=1,b=2"))
                    .build());
    RecurringRun read = client.recurringRuns().get(created.recurringRunId());

    assertThat(read.cron()).isEqualTo("0 30 2 * * *");
    assertThat(read.maxConcurrency()).isEqualTo(1);
    assertThat(read.noCatchup()).isTrue();
    assertThat(read.status()).isEqualTo("ENABLED");
    assertThat(read.pipelineId()).isEqualTo(p.pipelineId());
    assertThat(read.experimentId()).isEqualTo(e.experimentId());
    assertThat(read.parameters()).containsEntry("source_digests", "a=1,b=2");

    client.recurringRuns().disable(created.recurringRunId());
    assertThat(client.recurringRuns().get(created.recurringRunId()).status()).isEqualTo("DISABLED");
    client.recurringRuns().enable(created.recurringRunId());
    assertThat(client.recurringRuns().list(e.experimentId()))
        .extracting(RecurringRun::recurringRunId)
        .contains(created.recurringRunId());
    client.recurringRuns().delete(created.recurringRunId());
    assertThatThrownBy(() -> client.recurringRuns().get(created.recurringRunId()))
        .isInstanceOf(KfpApiException.class)
        .hasMessageContaining("404");
  }

  @Test
  void cronWithoutSecondsField_isRejectedByTheClientBeforeSending() {
    int before = fake.requests.get();
    assertThatThrownBy(
            () ->
                RecurringRunRequest.builder()
                    .setDisplayName("bad")
                    .setPipeline("p", null)
                    .setCron("30 2 * * *")
                    .build())
        .hasMessageContaining("trigger.cron_schedule.cron '30 2 * * *'")
        .hasMessageContaining("has 5 fields; KFP needs 6 with seconds first");
    assertThat(fake.requests.get()).isEqualTo(before);
  }

  @Test
  void requestViolatingTheApi_isRejectedByTheContractServer() throws Exception {
    // max_concurrency is an int64, which proto3 JSON (and the API description) sends as a string.
    String body =
        "{\"display_name\":\"x\",\"max_concurrency\":1,"
            + "\"trigger\":{\"cron_schedule\":{\"cron\":\"0 0 * * * *\"}}}";
    int before = fake.requests.get();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(prism.uri().resolve("/apis/v2beta1/recurringruns"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer t")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("max_concurrency must be string");
    assertThat(fake.requests.get()).isEqualTo(before);
  }
}
