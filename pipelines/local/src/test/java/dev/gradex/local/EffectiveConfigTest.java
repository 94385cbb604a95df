package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Files.writeString(
        out.resolve("estimate/manifest.json"),
        "{\"inputs\": {\"config\": {\"subsets\": 8, \"alpha\": 0.5, \"select\": \"below-mean\","
            + " \"exclude\": [], \"estimator\": {\"lambda\": 0.009999999776482582,"
            + " \"normCap\": \"NaN\", \"parameterCount\": 1234}}}}");

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
    assertThat(s).doesNotContainKeys("estimate.parameterCount", "estimate.exclude");
  }
}
