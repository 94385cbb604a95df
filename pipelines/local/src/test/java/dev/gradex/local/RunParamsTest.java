package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.component.settings.Setting;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.Surface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunParamsTest {
  @TempDir Path dir;

  private RunConfig minimal() throws Exception {
    new ArithmeticSources(1, 1, 1, 0, 5, 5, 5).write(dir.resolve("data"));
    Path yaml = dir.resolve("run.yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "out: runs/x",
            "sources:",
            "  - {name: clean-00, path: data/clean-00.jsonl}",
            "  - {name: noisy-00, path: data/noisy-00.jsonl}",
            "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
                + " test: data/target-test.jsonl}",
            "lora: {rank: 4}",
            "model: {tiny: {alphabet: '0123456789+=;', hidden: 16, layers: 1, heads: 2, context:"
                + " 48, pretrainEpochs: 0}}",
            ""));
    return RunConfig.read(yaml);
  }

  @Test
  void theParentGetsEverySettingByItsRunYamlName_withTheDefaultsItLeftOut() throws Exception {
    Map<String, String> all = RunParams.all(minimal());
    assertThat(all).hasSize(Settings.on(Surface.RUN_YAML).size()).containsEntry("lora.rank", "4");
    for (Setting<?> s : Settings.on(Surface.RUN_YAML)) {
      if (!s.yamlKey().equals("lora.rank")) {
        assertThat(all.get(s.yamlKey())).as(s.yamlKey()).isEqualTo(s.defaultText());
      }
    }
  }

  @Test
  void aStageGetsOnlyTheSectionsOfTheComponentItRuns() throws Exception {
    RunConfig c = minimal();
    assertThat(RunParams.forStage(c, "meta-train"))
        .containsKeys("seed", "lora.rank", "train.epochs", "data.maxSeqLength", "runtime.threads")
        .doesNotContainKeys("estimate.lambda", "fineTune.epochs", "gradients.dim");
    assertThat(RunParams.forStage(c, "extract-gradients"))
        .containsKeys("gradients.dim", "data.maxSeqLength")
        .doesNotContainKeys("lora.rank", "train.epochs");
    assertThat(RunParams.forStage(c, "estimate-subsets"))
        .containsKeys("seed", "estimate.lambda", "estimate.subsets")
        .doesNotContainKeys("lora.rank", "gradients.dim");
    assertThat(RunParams.forStage(c, "fine-tune-target-only"))
        .containsKeys("fineTune.epochs", "lora.rank")
        .doesNotContainKeys("train.epochs", "fidelity.subsets");
    assertThat(RunParams.forStage(c, "fidelity"))
        .containsKeys("fineTune.epochs", "fidelity.subsets");
  }

  @Test
  void theRunIsNamedByItsTargetAndStartMinute() throws Exception {
    assertThat(RunTracking.runName(minimal(), Instant.parse("2026-12-02T14:05:59Z")))
        .isEqualTo("gradex-target-20261202-1405");
  }
}
