package dev.gradex.kfp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.rest.FakeKfpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** submit, schedule and runs against an in-memory KFP (the contract ITs add Prism in between). */
class KfpCommandsTest {
  private FakeKfpServer kfp;
  private String host;

  @BeforeEach
  void start() throws Exception {
    kfp = new FakeKfpServer();
    host = kfp.uri().toString();
  }

  @AfterEach
  void stop() {
    kfp.close();
  }

  @Test
  void submitTwice_uploadsThePipelineOnce_andStartsRunsWithTypedParameters() {
    Cli first =
        Cli.run(
            new SubmitCommand(),
            "--host",
            host,
            "--token",
            "t",
            "--param",
            "estimate_subsets=200",
            "--param",
            "source_digests=a=1",
            "--wait",
            "--poll-seconds",
            "1");
    Cli second = Cli.run(new SubmitCommand(), "--host", host, "--token", "t", "--upload-only");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("pipeline gradex created", "version gradex-", ": SUCCEEDED");
    assertThat(second.exitCode()).isZero();
    assertThat(kfp.pipelines).hasSize(1);
    var run = kfp.runs.values().iterator().next();
    assertThat(run.at("/runtime_config/parameters/estimate_subsets").isInt()).isTrue();
    assertThat(run.at("/runtime_config/parameters/source_digests").asText()).isEqualTo("a=1");
  }

  @Test
  void submitWithoutHost_failsWithExitCodeTwoNamingHost() {
    Cli r = Cli.run(new SubmitCommand(), "--upload-only");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--host is required");
  }

  @Test
  void submitWithBadParameterName_failsNamingIt() {
    Cli r = Cli.run(new SubmitCommand(), "--host", host, "--param", "bad-name=1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--param name 'bad-name' is not an identifier");
    assertThat(kfp.requests.get()).isZero();
  }

  @Test
  void scheduleWithFiveFieldCron_failsBeforeAnyRequest() {
    Cli r =
        Cli.run(
            new ScheduleCommand(),
            "create",
            "--host",
            host,
            "--name",
            "nightly",
            "--cron",
            "0 3 * * *");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cron '0 3 * * *' has 5 fields; KFP needs 6 with seconds first");
    assertThat(kfp.requests.get()).isZero();
  }

  @Test
  void scheduleCreateDisableDelete_changeTheRecurringRun() {
    Cli.run(new SubmitCommand(), "--host", host, "--upload-only");
    Cli created =
        Cli.run(
            new ScheduleCommand(),
            "create",
            "--host",
            host,
            "--name",
            "nightly",
            "--cron",
            "0 0 3 * * *",
            "--param",
            "estimate_subsets=500");
    String id = kfp.recurring.keySet().iterator().next();
    Cli disabled = Cli.run(new ScheduleCommand(), "disable", "--host", host, id);
    Cli listed = Cli.run(new ScheduleCommand(), "list", "--host", host);

    assertThat(created.exitCode()).as(created.err()).isZero();
    var stored = kfp.recurring.get(id);
    assertThat(stored.get("max_concurrency").asText()).isEqualTo("1");
    assertThat(stored.get("no_catchup").asBoolean()).isTrue();
    assertThat(disabled.exitCode()).isZero();
    assertThat(listed.out()).contains(id + "\tDISABLED\t0 0 3 * * *\tnightly");
    assertThat(Cli.run(new ScheduleCommand(), "delete", "--host", host, id).exitCode()).isZero();
    assertThat(kfp.recurring).isEmpty();
  }

  @Test
  void scheduleForUnknownPipeline_explainsHowToUploadIt() {
    Cli r =
        Cli.run(
            new ScheduleCommand(),
            "create",
            "--host",
            host,
            "--name",
            "n",
            "--cron",
            "0 0 3 * * *",
            "--pipeline-name",
            "missing");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--pipeline-name 'missing' is not in KFP");
  }

  @Test
  void runsListsTheExperimentsRuns_andWaitFollowsOne() {
    Cli.run(new SubmitCommand(), "--host", host, "--run-name", "r1");
    String runId = kfp.runs.keySet().iterator().next();
    Cli listed = Cli.run(new RunsCommand(), "--host", host);
    Cli followed =
        Cli.run(
            new RunsCommand(), "--host", host, "--run-id", runId, "--wait", "--poll-seconds", "1");

    assertThat(listed.out()).contains(runId).contains("r1");
    assertThat(followed.exitCode()).isZero();
    assertThat(followed.out()).contains(runId + "\tSUCCEEDED");
  }

  @Test
  void runsWithLimitOutOfRange_failsNamingLimit() {
    Cli r = Cli.run(new RunsCommand(), "--host", host, "--limit", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--limit 0 is outside 1-100");
  }
}
