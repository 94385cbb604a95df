package dev.gradex.kfp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.rest.KfpClient;
import dev.gradex.kfp.rest.RestChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit, schedule and runs against rest_checker.py, which checks each request with kfp_server_api.
 */
class KfpCommandsServerApiTest {
  private RestChecker checker;
  private String host;
  private String pipeline;
  @TempDir Path tmp;

  @BeforeEach
  void start() throws Exception {
    checker = RestChecker.start(2);
    host = checker.uri().toString();
    pipeline = KfpFixtures.goldenPipeline().toString();
  }

  @AfterEach
  void stop() throws Exception {
    checker.assertNoProblems();
    checker.close();
  }

  @Test
  void firstSubmit_createsAnEmptyPipelineAndAContentNamedVersion_laterOnesFindItOnAnyPage()
      throws Exception {
    String version =
        SubmitCommand.versionName("gradex", Files.readAllBytes(KfpFixtures.goldenPipeline()));
    Cli first = submit("--upload-only");
    KfpClient client = KfpClient.builder().setHost(checker.uri()).build();
    String pipelineId = client.findPipeline("gradex").orElseThrow().pipelineId();
    for (int i = 0; i < 4; i++) {
      client.uploadVersion(
          pipelineId, "other-" + i, Files.readAllBytes(KfpFixtures.goldenPipeline()));
    }
    Cli second = submit("--upload-only");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("version " + version + " uploaded");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("version " + version + " is current");
    assertThat(checker.requests("upload_pipeline")).isEmpty();
    assertThat(checker.requests("upload_pipeline_version"))
        .extracting(r -> r.at("/query/name").asText())
        .containsExactly(version, "other-0", "other-1", "other-2", "other-3");
    assertThat(checker.requests("pipeline_service_list_pipeline_versions")).hasSize(3);
  }

  @Test
  void submit_sendsPipelineRootServiceAccountNamespaceAndSessionCookie() throws Exception {
    Cli r =
        submit(
            "--pipeline-root",
            "s3://bucket/gradex",
            "--service-account",
            "gradex-runner",
            "--namespace",
            "team-a",
            "--session-cookie",
            "authservice_session=s3cr3t",
            "--param",
            "estimate_subsets=200");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode run = checker.requests("run_service_create_run").get(0);
    assertThat(run.at("/body/runtime_config/pipeline_root").asText())
        .isEqualTo("s3://bucket/gradex");
    assertThat(run.at("/body/service_account").asText()).isEqualTo("gradex-runner");
    assertThat(run.path("cookie").asText()).isEqualTo("authservice_session=s3cr3t");
    assertThat(
            checker
                .requests("pipeline_service_create_pipeline")
                .get(0)
                .at("/body/namespace")
                .asText())
        .isEqualTo("team-a");
    assertThat(
            checker
                .requests("experiment_service_create_experiment")
                .get(0)
                .at("/body/namespace")
                .asText())
        .isEqualTo("team-a");
  }

  @Test
  void submitWithAPipelineRootThatIsNoUri_failsWithExitCodeTwoBeforeAnyRequest() throws Exception {
    Cli r = submit("--pipeline-root", "bucket/gradex");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("pipeline_root 'bucket/gradex' is not a URI");
    assertThat(checker.requests()).isEmpty();
  }

  @Test
  void submitInAPod_usesThePodsNamespace() throws Exception {
    Path nsFile = Files.writeString(tmp.resolve("namespace"), "kubeflow-user-a\n");
    SubmitCommand cmd = new SubmitCommand();
    cmd.connection = new KfpConnection();
    cmd.connection.podNamespaceFile = nsFile;
    cmd.connection.env = k -> null;

    Cli r = Cli.run(cmd, "--host", host, "--pipeline-file", pipeline, "--upload-only");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(
            checker
                .requests("pipeline_service_get_pipeline_by_name")
                .get(0)
                .at("/query/namespace")
                .asText())
        .isEqualTo("kubeflow-user-a");
  }

  @Test
  void runsTerminateRetryDelete_actOnTheRun_andAMissingRunFailsWithTheServersMessage()
      throws Exception {
    assertThat(submit().exitCode()).isZero();
    String id = runId();

    Cli terminated = Cli.run(new RunsCommand(), "terminate", id, "--host", host);
    Cli retried = Cli.run(new RunsCommand(), "retry", id, "--host", host);
    Cli deleted = Cli.run(new RunsCommand(), "delete", id, "--host", host);
    Cli again = Cli.run(new RunsCommand(), "delete", id, "--host", host);

    assertThat(terminated.exitCode()).as(terminated.err()).isZero();
    assertThat(terminated.out()).contains("run " + id + " terminating");
    assertThat(retried.exitCode()).as(retried.err()).isZero();
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("runs delete: KFP API error 404", "Run " + id + " not found");
    assertThat(checker.requests("run_service_terminate_run")).hasSize(1);
    assertThat(checker.requests("run_service_retry_run")).hasSize(1);
    assertThat(checker.requests("run_service_delete_run")).hasSize(2);
  }

  @Test
  void runsList_readsSeveralPagesUpToTheLimit() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(submit("--run-name", "r" + i).exitCode()).isZero();
    }
    Cli listed = Cli.run(new RunsCommand(), "--host", host, "--limit", "3");

    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out().lines()).hasSize(3);
    assertThat(listed.out()).contains("\tr2\n", "\tr0\n");
    assertThat(checker.requests("run_service_list_runs")).hasSize(2);
  }

  @Test
  void uploadThenScheduleCreate_sendsSecondsCronMaxConcurrencyOneNoCatchup_andListShowsIt()
      throws Exception {
    Cli upload = submit("--token", "t", "--upload-only");
    Cli create =
        Cli.run(
            hermetic(new ScheduleCommand.Create()),
            "--host",
            host,
            "--token",
            "t",
            "--name",
            "gradex-nightly",
            "--cron",
            "0 30 2 * * *",
            "--max-concurrency",
            "1",
            "--param",
            "source_digests={\"a\":\"1\"}");
    Cli list = Cli.run(hermetic(new ScheduleCommand.List()), "--host", host, "--token", "t");

    assertThat(upload.exitCode()).as(upload.err()).isZero();
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(create.out()).contains("'gradex-nightly' ENABLED cron '0 30 2 * * *'");
    String pipelineId =
        checker.requests("upload_pipeline_version").get(0).at("/query/pipelineid").asText();
    assertThat(pipelineId).isNotEmpty();
    List<JsonNode> created = checker.requests("recurring_run_service_create_recurring_run");
    assertThat(created).hasSize(1);
    JsonNode body = created.get(0).path("body");
    assertThat(body.path("max_concurrency").asText()).isEqualTo("1");
    assertThat(body.path("no_catchup").isBoolean()).isTrue();
    assertThat(body.path("no_catchup").asBoolean()).isTrue();
    assertThat(body.at("/pipeline_version_reference/pipeline_id").asText()).isEqualTo(pipelineId);
    assertThat(body.at("/trigger/cron_schedule/cron").asText()).isEqualTo("0 30 2 * * *");
    assertThat(body.at("/runtime_config/parameters/source_digests/a").asText()).isEqualTo("1");
    assertThat(created.get(0).path("authorization").asText()).isEqualTo("Bearer t");
    assertThat(list.exitCode()).as(list.err()).isZero();
    String id = create.out().split(" ")[2];
    assertThat(list.out().lines()).containsExactly(id + "\tENABLED\t0 30 2 * * *\tgradex-nightly");
    assertThat(checker.requests("recurring_run_service_list_recurring_runs")).hasSize(1);
  }

  /** A schedule subcommand whose connection sees no environment and no pod namespace. */
  private <T> T hermetic(T command) {
    KfpConnection connection = new KfpConnection();
    connection.podNamespaceFile = tmp.resolve("no-pod-namespace");
    connection.env = k -> null;
    if (command instanceof ScheduleCommand.Create c) {
      c.connection = connection;
    } else if (command instanceof ScheduleCommand.List l) {
      l.connection = connection;
    }
    return command;
  }

  private Cli submit(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(List.of("--host", host, "--pipeline-file", pipeline));
    args.addAll(List.of(extra));
    SubmitCommand cmd = new SubmitCommand();
    cmd.connection = new KfpConnection();
    cmd.connection.podNamespaceFile = tmp.resolve("no-pod-namespace");
    cmd.connection.env = k -> null;
    return Cli.run(cmd, args.toArray(String[]::new));
  }

  /** The newest run's id, learnt as a user would: from the listing. */
  private String runId() {
    return Cli.run(new RunsCommand(), "--host", host, "--limit", "1").out().split("\t")[0];
  }
}
