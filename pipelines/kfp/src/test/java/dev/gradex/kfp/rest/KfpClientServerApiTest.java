package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against rest_checker.py: every request must fit kfp_server_api (the official generated
 * client of KFP 2.17), and every response the client parses is one of its models.
 */
class KfpClientServerApiTest {
  private static RestChecker checker;
  private static byte[] yaml;

  @BeforeAll
  static void start() throws Exception {
    checker = RestChecker.start(2);
    yaml = Files.readAllBytes(dev.gradex.kfp.KfpFixtures.goldenPipeline());
  }

  @AfterAll
  static void stop() throws Exception {
    if (checker != null) {
      checker.close();
    }
  }

  @AfterEach
  void everyRequestFitsTheGeneratedClient() throws Exception {
    checker.assertNoProblems();
  }

  private static KfpClient client(KfpAuth auth) {
    return KfpClient.builder().setHost(checker.uri()).optNamespace("team-a").optAuth(auth).build();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void rejectedUpload_reportsTheUploadHandlersErrorMessage_withoutItsStackTrace() {
    KfpClient client = client(KfpAuth.none());
    KfpPipeline p = client.createPipeline(unique("bad-upload"), null);

    assertThatThrownBy(
            () -> client.uploadVersion(p.pipelineId(), "v1", "not: a pipeline".getBytes()))
        .isInstanceOfSatisfying(
            KfpApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.grpcCode()).isEqualTo(-1);
              assertThat(e.getMessage())
                  .endsWith("upload_version: Failed to read a pipeline spec file")
                  .doesNotContain("github.com");
            });
  }

  @Test
  void missingRun_reportsTheStatusMessageAndGrpcCode() {
    assertThatThrownBy(() -> client(KfpAuth.none()).getRun("no-such-run"))
        .isInstanceOfSatisfying(
            KfpApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.grpcCode()).isEqualTo(5);
              assertThat(e.getMessage()).contains("NotFoundError: Run no-such-run not found");
            });
  }

  @Test
  void listVersions_followsNextPageTokenThroughEveryPage_newestFirst() throws Exception {
    KfpClient client = client(KfpAuth.none());
    KfpPipeline p = client.createPipeline(unique("paged"), "d");
    for (int i = 1; i <= 5; i++) {
      client.uploadVersion(p.pipelineId(), "v" + i, yaml);
    }

    List<KfpPipelineVersion> versions = client.listVersions(p.pipelineId());

    assertThat(versions)
        .extracting(KfpPipelineVersion::name)
        .containsExactly("v5", "v4", "v3", "v2", "v1");
    List<JsonNode> pages =
        checker.requests("pipeline_service_list_pipeline_versions").stream()
            .filter(r -> r.path("path").asText().contains(p.pipelineId()))
            .toList();
    assertThat(pages).hasSize(3);
    assertThat(pages.get(0).at("/query/page_token").isMissingNode()).isTrue();
    assertThat(pages.get(2).at("/query/page_token").asText()).isEqualTo("offset-4");
  }

  @Test
  void createPipeline_sendsAV2beta1PipelineInTheNamespace_andParsesTheAnswer() throws Exception {
    String name = unique("created");
    KfpPipeline p = client(KfpAuth.none()).createPipeline(name, "GradEx");

    assertThat(p.pipelineId()).isNotBlank();
    assertThat(p.name()).isEqualTo(name);
    assertThat(p.createdAt()).startsWith("2026-11-24T12:00:00");
    JsonNode sent = last("pipeline_service_create_pipeline").path("body");
    assertThat(sent.path("namespace").asText()).isEqualTo("team-a");
    assertThat(client(KfpAuth.none()).findPipeline(name)).contains(p);
    assertThat(last("pipeline_service_get_pipeline_by_name").at("/query/namespace").asText())
        .isEqualTo("team-a");
  }

  @Test
  void createRun_sendsPipelineRootAndServiceAccountAsV2beta1RunFields() throws Exception {
    KfpClient client = client(KfpAuth.none());
    KfpRun run =
        client.createRun(
            RunRequest.builder()
                .setDisplayName("rooted")
                .setPipeline("p1", "v1")
                .optPipelineRoot("s3://bucket/gradex")
                .optServiceAccount("pipeline-runner")
                .optParameter("estimate_subsets", 200)
                .build());

    assertThat(run.state()).isEqualTo("PENDING");
    JsonNode body = last("run_service_create_run").path("body");
    assertThat(body.at("/runtime_config/pipeline_root").asText()).isEqualTo("s3://bucket/gradex");
    assertThat(body.at("/runtime_config/parameters/estimate_subsets").asInt()).isEqualTo(200);
    assertThat(body.path("service_account").asText()).isEqualTo("pipeline-runner");
  }

  @Test
  void listRuns_readsPagesUntilTheLimit() throws Exception {
    KfpClient client = client(KfpAuth.none());
    int before = checker.requests("run_service_list_runs").size();
    for (int i = 0; i < 5; i++) {
      client.createRun(RunRequest.builder().setDisplayName("r" + i).setPipeline("p", null).build());
    }

    List<KfpRun> runs = client.listRuns(null, 3);

    assertThat(runs).hasSize(3);
    assertThat(checker.requests("run_service_list_runs")).hasSize(before + 2);
    assertThat(last("run_service_list_runs").at("/query/namespace").asText()).isEqualTo("team-a");
  }

  @Test
  void recurringRuns_fitV2beta1RecurringRun_andTheListingIsReadPageByPage() throws Exception {
    KfpClient client = client(KfpAuth.none());
    for (int i = 0; i < 3; i++) {
      client
          .recurringRuns()
          .create(
              RecurringRunRequest.builder()
                  .setDisplayName("nightly-" + i)
                  .setCron("0 30 2 * * *")
                  .setPipeline("p", null)
                  .optParameters(java.util.Map.of("estimate_subsets", 10))
                  .build());
    }

    List<RecurringRun> listed = client.recurringRuns().list(null);

    assertThat(listed).extracting(RecurringRun::cron).containsOnly("0 30 2 * * *").hasSize(3);
    assertThat(checker.requests("recurring_run_service_list_recurring_runs")).hasSize(2);
  }

  @Test
  void terminateRetryDelete_useTheRunServiceVerbs() throws Exception {
    KfpClient client = client(KfpAuth.none());
    String id =
        client
            .createRun(RunRequest.builder().setDisplayName("t").setPipeline("p", null).build())
            .runId();

    client.terminateRun(id);
    assertThat(client.getRun(id).state()).isEqualTo("CANCELING");
    client.retryRun(id);
    client.deleteRun(id);

    assertThat(last("run_service_terminate_run").path("method").asText()).isEqualTo("POST");
    assertThat(last("run_service_retry_run").path("path").asText()).endsWith(id + ":retry");
    assertThat(last("run_service_delete_run").path("method").asText()).isEqualTo("DELETE");
    assertThatThrownBy(() -> client.getRun(id))
        .isInstanceOfSatisfying(KfpApiException.class, e -> assertThat(e.grpcCode()).isEqualTo(5));
  }

  @Test
  void retryOfARunningRun_reportsTheServersReason() {
    KfpClient client = client(KfpAuth.none());
    String id =
        client
            .createRun(RunRequest.builder().setDisplayName("r").setPipeline("p", null).build())
            .runId();
    assertThatThrownBy(() -> client.retryRun(id)).hasMessageContaining("run is in state PENDING");
  }

  @Test
  void sessionCookie_isSentAsCookieHeaderBesideTheBearerToken() throws Exception {
    assertThat(client(KfpAuth.bearer("tok").withSessionCookie("abc123")).findPipeline("cookie"))
        .isEmpty();
    JsonNode sent = last("pipeline_service_get_pipeline_by_name");
    assertThat(sent.path("cookie").asText()).isEqualTo("authservice_session=abc123");
    assertThat(sent.path("authorization").asText()).isEqualTo("Bearer tok");

    client(KfpAuth.sessionCookie("oauth2_proxy_kubeflow=xyz")).findPipeline("cookie");
    sent = last("pipeline_service_get_pipeline_by_name");
    assertThat(sent.path("cookie").asText()).isEqualTo("oauth2_proxy_kubeflow=xyz");
    assertThat(sent.path("authorization").isNull()).isTrue();
  }

  private static JsonNode last(String operation) throws Exception {
    List<JsonNode> r = checker.requests(operation);
    assertThat(r).as(operation).isNotEmpty();
    return r.get(r.size() - 1);
  }
}
