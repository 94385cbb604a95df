package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.model.train.TrainingCurves;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baselines of {@code gradex run}: the all-sources baseline reuses theta* when the fineTune
 * settings equal meta-training's (same data, so training would repeat meta-training) and trains
 * when they differ; the target-only baseline reuses the fidelity check's target-only fine-tune when
 * there is one and trains otherwise. Language-model target: no accuracy is reported.
 */
class BaselinesIT {
  @TempDir Path dir;

  private static MiniatureRun run(int trainEpochs, int fineTuneEpochs, int fidelitySubsets) {
    return MiniatureRun.fourSmallSources(trainEpochs, fineTuneEpochs, fidelitySubsets);
  }

  private Cli.Outcome gradexRun(Path runDir) throws Exception {
    Cli.Outcome o =
        Cli.runChild(
            List.of("-Xmx1g"),
            runDir.resolve("run.log"),
            10,
            "run",
            runDir.resolve("run.yaml").toString(),
            "--all-sources-baseline",
            "--target-only-baseline");
    assertThat(o.exitCode()).as(o.stdout()).isZero();
    return o;
  }

  @Test
  void sameSettingsReuseThetaStarAndTheFidelityTargetOnlyFineTune() throws Exception {
    Path runDir = dir.resolve("same");
    run(2, 2, 2).write(runDir);
    Cli.Outcome o = gradexRun(runDir);
    Path out = runDir.resolve("out");
    Path baseline = out.resolve("fine-tune-all-sources");

    JsonNode metrics = json(baseline.resolve("metrics.json"));
    JsonNode meta = json(out.resolve("meta-train/metrics.json"));
    assertThat(metrics.path("reused_theta").asInt()).isEqualTo(1);
    assertThat(json(baseline.resolve("manifest.json")).path("inputs").has("reusedAdapterWeights"))
        .isTrue();
    assertThat(Files.readAllBytes(baseline.resolve("adapter/adapter_model.safetensors")))
        .isEqualTo(Files.readAllBytes(out.resolve("meta-train/adapter_model.safetensors")));
    // Re-evaluating theta* on the validation split gives meta-training's own figure.
    assertThat(metrics.path("validation_loss").asDouble())
        .isCloseTo(meta.path("validation_loss").asDouble(), within(1e-6));
    assertThat(metrics.path("test_loss").asDouble()).isPositive().isFinite();
    // The curves are meta-training's, not a second training's.
    assertThat(TrainingCurves.read(baseline.resolve(TrainingCurves.FILE)))
        .isEqualTo(TrainingCurves.read(out.resolve("meta-train").resolve(TrainingCurves.FILE)));
    assertThat(o.stdout()).contains("reused theta* of meta-train", "not trained again");

    JsonNode summary = json(out.resolve("summary.json"));
    // A non-empty selection, so the final fine-tune is not itself the target-only one.
    assertThat(summary.path("selected").size()).as(o.stdout()).isPositive();
    JsonNode targetOnly = model(summary, "target only");
    assertThat(targetOnly.path("dir").asText()).isEqualTo("fidelity/target-only");
    assertThat(targetOnly.path("reused").asText()).contains("fidelity check");
    assertThat(targetOnly.path("testLoss").asDouble())
        .isEqualTo(
            json(out.resolve("fidelity/target-only/metrics.json")).path("test_loss").asDouble());
    assertThat(summary.path("targetOnlyTestLoss").asDouble())
        .isEqualTo(targetOnly.path("testLoss").asDouble());
    assertThat(out.resolve("fine-tune-target-only")).doesNotExist();
    assertThat(model(summary, "all sources").path("testLoss").asDouble())
        .isEqualTo(metrics.path("test_loss").asDouble());
    // A language-model target: losses are token cross-entropy and there is no accuracy at all.
    JsonNode selection = model(summary, "selection");
    assertThat(selection.path("objective").asText()).isEqualTo("language-model");
    assertThat(selection.has("testAccuracy")).isFalse();
    assertThat(o.stdout()).contains("token cross-entropy").doesNotContain("accuracy");
  }

  @Test
  void differentSettingsTrainBothBaselines() throws Exception {
    Path runDir = dir.resolve("different");
    Path yaml = run(1, 2, 0).write(runDir);
    // No fidelity check, so no target-only fine-tune exists to reuse.
    Files.writeString(yaml, Files.readString(yaml) + "fidelity: {subsets: 0}\n");
    Cli.Outcome o = gradexRun(runDir);
    Path out = runDir.resolve("out");
    JsonNode metrics = json(out.resolve("fine-tune-all-sources/metrics.json"));
    assertThat(metrics.path("reused_theta").asBoolean()).isFalse();
    assertThat(metrics.path("train_steps").asLong()).isPositive();
    // Trained for its own 2 epochs; meta-training had 1.
    assertThat(
            TrainingCurves.read(out.resolve("fine-tune-all-sources").resolve(TrainingCurves.FILE))
                .epochs())
        .hasSize(2);
    assertThat(TrainingCurves.read(out.resolve("meta-train").resolve(TrainingCurves.FILE)).epochs())
        .hasSize(1);
    assertThat(out.resolve("fine-tune-target-only/manifest.json")).exists();
    JsonNode summary = json(out.resolve("summary.json"));
    assertThat(summary.path("selected").size()).as(o.stdout()).isPositive();
    JsonNode targetOnly = model(summary, "target only");
    assertThat(targetOnly.path("dir").asText()).isEqualTo("fine-tune-target-only");
    assertThat(targetOnly.has("reused")).isFalse();
    assertThat(targetOnly.path("testLoss").asDouble())
        .isEqualTo(
            json(out.resolve("fine-tune-target-only/metrics.json")).path("test_loss").asDouble());
    assertThat(o.stdout()).doesNotContain("reused theta*");
  }

  private static JsonNode model(JsonNode summary, String name) {
    for (JsonNode m : summary.path("models")) {
      if (m.path("name").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no model " + name + " in " + summary.path("models"));
  }

  private static JsonNode json(Path file) throws Exception {
    return new ObjectMapper().readTree(file.toFile());
  }
}
