package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestsTest {
  @Test
  void recurringRunDefaults_areMaxConcurrencyOneNoCatchupEnabled() {
    var body =
        RecurringRunRequest.builder()
            .setDisplayName("nightly")
            .setPipeline("p1", "v1")
            .setCron("0 0 3 * * *")
            .optParameters(Map.of("estimate_subsets", 10))
            .build()
            .body();
    assertThat(body.get("max_concurrency").asText()).isEqualTo("1");
    assertThat(body.get("max_concurrency").isTextual()).isTrue();
    assertThat(body.get("no_catchup").asBoolean()).isTrue();
    assertThat(body.get("mode").asText()).isEqualTo("ENABLE");
    assertThat(body.at("/trigger/cron_schedule/cron").asText()).isEqualTo("0 0 3 * * *");
    assertThat(body.at("/pipeline_version_reference/pipeline_version_id").asText()).isEqualTo("v1");
    assertThat(body.at("/runtime_config/parameters/estimate_subsets").asInt()).isEqualTo(10);
  }

  @Test
  void recurringRunWithEverythingWrong_reportsEveryFieldAtOnce() {
    assertThatThrownBy(
            () -> RecurringRunRequest.builder().setCron("* * *").optMaxConcurrency(11).build())
        .hasMessageContaining("display_name is required")
        .hasMessageContaining("pipeline_id is required")
        .hasMessageContaining("trigger.cron_schedule.cron '* * *' has 3 fields")
        .hasMessageContaining("max_concurrency 11 is outside 1-10");
  }

  @Test
  void runWithoutPipeline_namesTheField() {
    assertThatThrownBy(() -> RunRequest.builder().setDisplayName("r").build())
        .hasMessage("run: pipeline_id is required");
  }

  @Test
  void serviceAccountTokenFile_isReReadOnEveryRequest(@TempDir Path tmp) throws Exception {
    Path token = tmp.resolve("token");
    Files.writeString(token, "first\n");
    KfpAuth auth = KfpAuth.serviceAccountTokenFile(token);
    assertThat(auth.authorization()).contains("Bearer first");
    Files.writeString(token, "rotated");
    assertThat(auth.authorization()).contains("Bearer rotated");
  }

  @Test
  void missingTokenFile_namesThePath(@TempDir Path tmp) {
    assertThatThrownBy(() -> KfpAuth.serviceAccountTokenFile(tmp.resolve("nope")))
        .hasMessageContaining("nope is not readable");
  }

  @Test
  void clientWithoutHttpScheme_isRejected() {
    assertThatThrownBy(() -> KfpClient.builder().setHost(java.net.URI.create("ftp://x")).build())
        .hasMessageContaining("must be an http(s) URL");
  }
}
