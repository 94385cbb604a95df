package dev.gradex.tracking.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.tracking.LocalMlflow;
import dev.gradex.tracking.MlflowReader;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.rest.MlflowCalls;
import dev.gradex.tracking.rest.MlflowRestClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The registry against a real MLflow server: retries add no versions, untagged champions. */
@Tag("mlflow")
class ModelRegistryIT {
  private static MlflowReader reader;
  private static ModelRegistry registry;
  private static MlflowCalls calls;

  @BeforeAll
  static void server() {
    String uri = LocalMlflow.uri();
    reader = new MlflowReader(uri);
    calls =
        new MlflowCalls(
            new MlflowRestClient(
                URI.create(uri), Duration.ofSeconds(5), Duration.ofSeconds(30), Optional.empty()));
    registry = new ModelRegistry(calls);
  }

  private static String run(String experiment, double testLoss) {
    String exp =
        reader
            .post("experiments/create", "{\"name\":\"" + experiment + "\"}")
            .path("experiment_id")
            .asText();
    JsonNode info =
        reader.post("runs/create", "{\"experiment_id\":\"" + exp + "\"}").path("run").path("info");
    String runId = info.path("run_id").asText();
    reader.post(
        "runs/log-batch",
        "{\"run_id\":\""
            + runId
            + "\",\"metrics\":[{\"key\":\"test_loss\",\"value\":"
            + testLoss
            + ",\"timestamp\":1,\"step\":0}]}");
    return runId;
  }

  private static int versionCount(String model) {
    return reader
        .get("model-versions/search", Map.of("filter", "name='" + model + "'"))
        .path("model_versions")
        .size();
  }

  @Test
  void retriedRegistrationReusesItsVersionInsteadOfAddingOne() throws Exception {
    String model = "it-retry-" + System.nanoTime();
    String runId = run("it-retry-exp-" + System.nanoTime(), 9.0);
    String source = "mlflow-artifacts:/0/" + runId + "/artifacts/adapter";

    ModelPromotion first = registry.register(model, source, runId, "test_loss", 1.0, "id-1");
    ModelPromotion retry = registry.register(model, source, runId, "test_loss", 1.0, "id-1");
    ModelPromotion second = registry.register(model, source, runId, "test_loss", 2.0, "id-2");
    ModelPromotion secondRetry = registry.register(model, source, runId, "test_loss", 2.0, "id-2");

    assertThat(first)
        .isEqualTo(
            new ModelPromotion(
                model, "1", "champion", 1.0, Optional.empty(), OptionalDouble.empty()));
    assertThat(retry)
        .isEqualTo(
            new ModelPromotion(
                model, "1", "champion", 1.0, Optional.empty(), OptionalDouble.empty()));
    assertThat(second)
        .isEqualTo(
            new ModelPromotion(
                model, "2", "challenger", 2.0, Optional.of("1"), OptionalDouble.of(1.0)));
    assertThat(secondRetry).isEqualTo(second);
    assertThat(versionCount(model)).isEqualTo(2);
    assertThat(calls.versionByAlias(model, "challenger").map(v -> v.version())).contains("2");

    calls.deleteAlias(model, "challenger");
    assertThat(calls.versionByAlias(model, "challenger")).isEmpty();
    assertThat(calls.versionByAlias(model, "champion").map(v -> v.version())).contains("1");
  }

  @Test
  void aNewChampionRemovesChallenger_aWorseVersionTakesIt_andAKnownDigestRegistersNothing()
      throws Exception {
    String model = "it-moves-" + System.nanoTime();
    String runId = run("it-moves-exp-" + System.nanoTime(), 9.0);
    String source = "mlflow-artifacts:/0/" + runId + "/artifacts/model";
    ModelPromotion v1 = register(model, source, runId, 1.0, "d1");
    ModelPromotion v2 = register(model, source, runId, 2.0, "d2");
    assertThat(calls.versionByAlias(model, "challenger").map(v -> v.version())).contains("2");
    ModelPromotion v3 = register(model, source, runId, 0.5, "d3");
    ModelPromotion again = register(model, source, runId, 0.1, "d2");

    assertThat(List.of(v1.alias(), v2.alias(), v3.alias()))
        .containsExactly("champion", "challenger", "champion");
    assertThat(calls.versionByAlias(model, "champion").map(v -> v.version())).contains("3");
    assertThat(calls.versionByAlias(model, "challenger")).isEmpty();
    assertThat(again.alias()).isEqualTo("already-registered");
    assertThat(again.version()).isEqualTo("2");
    assertThat(versionCount(model)).isEqualTo(3);
    assertThat(calls.versionByAlias(model, "champion").get().tags())
        .containsEntry("gradex.sources", "clean-00")
        .containsEntry(ModelRegistry.DIGEST_TAG, "d3");
  }

  private ModelPromotion register(
      String model, String source, String runId, double loss, String digest) throws Exception {
    return registry.register(
        model,
        source,
        runId,
        "validation_loss",
        loss,
        "id-" + digest + "-" + loss,
        Map.of(ModelRegistry.DIGEST_TAG, digest, "gradex.sources", "clean-00"),
        "trained on clean-00");
  }

  @Test
  void championRegisteredWithoutLossTagIsJudgedByItsRunsMetric() throws Exception {
    String model = "it-untagged-" + System.nanoTime();
    String championRun = run("it-untagged-exp-" + System.nanoTime(), 0.5);
    reader.post("registered-models/create", "{\"name\":\"" + model + "\"}");
    reader.post(
        "model-versions/create",
        "{\"name\":\""
            + model
            + "\",\"source\":\"mlflow-artifacts:/0/"
            + championRun
            + "/artifacts/m\",\"run_id\":\""
            + championRun
            + "\"}");
    reader.post(
        "registered-models/alias",
        "{\"name\":\"" + model + "\",\"alias\":\"champion\",\"version\":\"1\"}");

    ModelPromotion worse =
        registry.register(
            model, "mlflow-artifacts:/0/x/artifacts/a", championRun, "test_loss", 0.75);
    ModelPromotion better =
        registry.register(
            model, "mlflow-artifacts:/0/x/artifacts/a", championRun, "test_loss", 0.25);

    assertThat(worse)
        .isEqualTo(
            new ModelPromotion(
                model, "2", "challenger", 0.75, Optional.of("1"), OptionalDouble.of(0.5)));
    assertThat(better)
        .isEqualTo(
            new ModelPromotion(
                model, "3", "champion", 0.25, Optional.of("1"), OptionalDouble.of(0.5)));
  }
}
