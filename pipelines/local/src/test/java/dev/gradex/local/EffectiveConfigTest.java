package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.estimate.EstimateInputs;
import dev.gradex.estimate.EstimateSubsetsConfig;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsSettings;
import dev.gradex.estimate.EstimatorStatistics;
import dev.gradex.estimate.Sampling;
import dev.gradex.finetune.FineTuneResult;
import dev.gradex.finetune.FineTuneStage;
import dev.gradex.metatrain.MetaTrainResult;
import dev.gradex.metatrain.MetaTrainStage;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.train.Batching;
import dev.gradex.model.train.LoraJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigTest {
  @TempDir Path dir;

  private static final String YAML =
      String.join(
          "\n",
          "out: out",
          "sources: [{name: a, path: a.jsonl}]",
          "target: {train: t.jsonl, validation: v.jsonl, test: s.jsonl}",
          "model: {dir: base}",
          "train: {epochs: 2, learningRate: 0.01}",
          "estimate: {subsets: 8}",
          "fineTune: {epochs: 3}",
          "");

  @Test
  void defaultsTheStagesUsedAreShownAndMarkedAsDefaults() throws Exception {
    Path yaml = dir.resolve("run.yaml");
    Files.writeString(yaml, YAML);
    RunConfig config = new ObjectMapper(new YAMLFactory()).readValue(YAML, RunConfig.class);
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("meta-train"));
    Files.createDirectories(out.resolve("fine-tune"));
    Files.createDirectories(out.resolve("estimate"));
    writeLoraManifests(out);
    writeEstimateManifest(out.resolve("estimate"));

    Map<String, EffectiveConfig.Setting> s =
        EffectiveConfig.of(config, yaml, out).stream()
            .collect(Collectors.toMap(EffectiveConfig.Setting::key, x -> x));

    assertThat(s.get("estimate.lambda"))
        .isEqualTo(
            new EffectiveConfig.Setting("estimate.lambda", "0.009999999776482582", "default"));
    assertThat(s.get("estimate.normCap").value()).isEqualTo("off");
    assertThat(s.get("estimate.select").origin()).isEqualTo("default");
    assertThat(s.get("estimate.subsets"))
        .isEqualTo(new EffectiveConfig.Setting("estimate.subsets", "8", "run.yaml"));
    assertThat(s.get("train.epochs").origin()).isEqualTo("run.yaml");
    assertThat(s.get("train.batchSize"))
        .isEqualTo(new EffectiveConfig.Setting("train.batchSize", "24", "default"));
    assertThat(s.get("fineTune.batchSize").value()).isEqualTo("24");
    assertThat(s.get("fineTune.epochs").value()).isEqualTo("3");
    assertThat(s.get("lora.rank"))
        .isEqualTo(new EffectiveConfig.Setting("lora.rank", "4", "default"));
    assertThat(s.get("fidelity.subsets"))
        .isEqualTo(
            new EffectiveConfig.Setting(
                "fidelity.subsets", String.valueOf(RunConfig.DEFAULT_FIDELITY_SUBSETS), "default"));
    // Provenance filled in from the store is not a setting.
    assertThat(s)
        .doesNotContainKeys(
            "estimate.parameterCount", "estimate.exclude", "estimate.sourceDigests");
    assertThat(s.get("estimate.scoring").value()).isEqualTo("ensemble");
    assertThat(s.get("estimate.defaultNormCap").value()).isEqualTo("0.1");
  }

  @Test
  void anEstimateManifestOfTheUntypedFormat1IsLeftOut() throws Exception {
    Path yaml = dir.resolve("run.yaml");
    Files.writeString(yaml, YAML);
    RunConfig config = new ObjectMapper(new YAMLFactory()).readValue(YAML, RunConfig.class);
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("estimate"));
    Files.writeString(
        out.resolve("estimate/manifest.json"),
        "{\"kind\": \"subset-estimates\", \"formatVersion\": 1, \"inputs\": {\"config\":"
            + " {\"subsets\": 99, \"scoring\": \"ridge\"}}}");

    Map<String, EffectiveConfig.Setting> s =
        EffectiveConfig.of(config, yaml, out).stream()
            .collect(Collectors.toMap(EffectiveConfig.Setting::key, x -> x));

    assertThat(s.get("estimate.subsets"))
        .isEqualTo(new EffectiveConfig.Setting("estimate.subsets", "8", "run.yaml"));
    assertThat(s).doesNotContainKeys("estimate.scoring");
    // nor are untyped meta-train and fine-tune manifests read by string
    Files.createDirectories(out.resolve("meta-train"));
    Files.writeString(
        out.resolve("meta-train/manifest.json"),
        "{\"formatVersion\": 1, \"inputs\": {\"settings\": {\"batchSize\": 99}}}");
    Map<String, EffectiveConfig.Setting> again =
        EffectiveConfig.of(config, yaml, out).stream()
            .collect(Collectors.toMap(EffectiveConfig.Setting::key, x -> x));
    assertThat(again.get("train.batchSize"))
        .isEqualTo(new EffectiveConfig.Setting("train.batchSize", "16", "default"));
  }

  /**
   * The typed manifests meta-train (2 epochs) and fine-tune (3 epochs) write, with a batch size and
   * rank that are not the defaults.
   */
  private static void writeLoraManifests(Path out) {
    MetaTrainStage.Inputs meta = new MetaTrainStage.Inputs(Map.of("a", "00"), "11", lora(2));
    StageManifest.write(
        new Stage.ManifestTarget(out.resolve("meta-train"), meta, List.of()),
        "meta-train",
        StageManifest.key(meta),
        new MetaTrainResult(
            0.5, 2, List.of(0.6, 0.5), 10, 4, null, "22", false, null, false, null));
    FineTuneStage.Inputs fine =
        new FineTuneStage.Inputs(Map.of("a", "00"), "11", List.of("a"), lora(3), null);
    StageManifest.write(
        new Stage.ManifestTarget(out.resolve("fine-tune"), fine, List.of()),
        "fine-tune",
        StageManifest.key(fine),
        new FineTuneResult(
            "causal-lm",
            0.5,
            0.5,
            0.6,
            1.8,
            null,
            null,
            null,
            null,
            10,
            1,
            6L,
            null,
            false,
            null,
            null,
            false,
            null));
  }

  private static LoraJob.Settings lora(int epochs) {
    return new LoraJob.Settings(
        epochs, 0.01, 24, 4, 16.0, List.of(), new SequenceLimit(0, false), 0, 0, Batching.RANDOM);
  }

  /** The typed manifest an estimate with run.yaml's settings (and lambda as a float) writes. */
  private static void writeEstimateManifest(Path estimateDir) {
    EstimateSubsetsSettings settings =
        EstimateSubsetsConfig.builder()
            .setStore(Path.of("store"))
            .setOut(estimateDir)
            .optSubsets(8)
            .optSelect("below-mean")
            .optEstimator(
                EstimatorConfig.builder()
                    .optLambda(0.009999999776482582)
                    .build()
                    .withAdapter(1234, 2.5))
            .optSourceDigests("a=sha256:00")
            .build()
            .settings();
    EstimateSubsetsResult result =
        new EstimateSubsetsResult(
            estimateDir,
            List.of("a"),
            0.4,
            0.5,
            0.9,
            false,
            new EstimatorStatistics(8, 1, 3, 5, 0.3, 0.4, 0.9, 0.05),
            new Sampling(Sampling.ENUMERATED, 1, 8, 1, 0),
            List.of());
    EstimateInputs inputs = new EstimateInputs("00", settings);
    StageManifest.write(
        new Stage.ManifestTarget(estimateDir, inputs, List.of()),
        "subset-estimates",
        inputs.key(),
        result);
  }
}
