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
    String settings =
        "{\"epochs\": %d, \"learningRate\": 0.01, \"batchSize\": 16, \"rank\": 8,"
            + " \"alpha\": 16.0, \"maxSeqLength\": 0, \"seed\": 0}";
    Files.writeString(
        out.resolve("meta-train/manifest.json"),
        "{\"inputs\": {\"settings\": " + String.format(settings, 2) + "}}");
    Files.writeString(
        out.resolve("fine-tune/manifest.json"),
        "{\"inputs\": {\"settings\": " + String.format(settings, 3) + "}}");
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
        .isEqualTo(new EffectiveConfig.Setting("train.batchSize", "16", "default"));
    assertThat(s.get("fineTune.epochs").value()).isEqualTo("3");
    assertThat(s.get("lora.rank"))
        .isEqualTo(new EffectiveConfig.Setting("lora.rank", "8", "default"));
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
