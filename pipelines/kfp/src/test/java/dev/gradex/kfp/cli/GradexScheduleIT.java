package dev.gradex.kfp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.rest.FakeKfpServer;
import dev.gradex.kfp.rest.PrismProxy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The GradEx pipeline uploaded and scheduled through the CLI, with Prism enforcing the KFP API
 * description between the client and the server.
 */
@Tag("dev") // developer-time: Prism with the v2beta1 API description (docs/testing.md)
class GradexScheduleIT {
  @Test
  void gradexRecurringRun_withSecondsCronMaxConcurrencyOneNoCatchup_roundTrips() throws Exception {
    try (FakeKfpServer kfp = new FakeKfpServer();
        PrismProxy prism = new PrismProxy(kfp.uri())) {
      String host = prism.uri().toString();
      Cli upload = Cli.run(new SubmitCommand(), "--host", host, "--token", "t", "--upload-only");
      Cli create =
          Cli.run(
              new ScheduleCommand(),
              "create",
              "--host",
              host,
              "--token",
              "t",
              "--name",
              "gradex-nightly",
              "--cron",
              "0 30 2 * * *",
              "--param",
              "source_digests={\"a\":\"1\"}");
      Cli list = Cli.run(new ScheduleCommand(), "list", "--host", host, "--token", "t");

      assertThat(upload.exitCode()).as(upload.err() + prism.log()).isZero();
      assertThat(create.exitCode()).as(create.err() + prism.log()).isZero();
      assertThat(create.out()).contains("'gradex-nightly' ENABLED cron '0 30 2 * * *'");
      var stored = kfp.recurring.values().iterator().next();
      assertThat(stored.get("max_concurrency").asText()).isEqualTo("1");
      assertThat(stored.get("no_catchup").asBoolean()).isTrue();
      assertThat(stored.at("/pipeline_version_reference/pipeline_id").asText())
          .isEqualTo(kfp.pipelines.keySet().iterator().next());
      assertThat(list.out()).contains("ENABLED\t0 30 2 * * *\tgradex-nightly");
    }
  }
}
