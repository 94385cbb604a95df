package dev.gradex.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.estimate.EstimateInputs;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsSettings;
import dev.gradex.estimate.SelectionFile;
import dev.gradex.finetune.FineTuneResult;
import dev.gradex.finetune.FineTuneStage;
import dev.gradex.metatrain.MetaTrainResult;
import dev.gradex.metatrain.MetaTrainStage;
import dev.gradex.model.train.LoraJob;
import dev.gradex.tracking.Params;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every setting a local run used, defaults included, for the report's configuration table: the
 * run.yaml as parsed, overlaid with what the stages recorded in their typed manifests (the LoRA
 * settings of meta-training and fine-tuning, the estimator's whole configuration, lambda and the
 * norm cap among it) and the fidelity check's subset count. A value the stages used but run.yaml
 * left out is marked as a default.
 */
final class EffectiveConfig {
  /** Where a value came from. */
  static final String FROM_FILE = "run.yaml";

  static final String DEFAULT = "default";

  /**
   * One setting.
   *
   * @param key dotted name, as in run.yaml
   * @param value its effective value
   * @param origin {@link #FROM_FILE} or {@link #DEFAULT}
   */
  record Setting(String key, String value, String origin) {}

  private EffectiveConfig() {}

  /**
   * The settings of the run in {@code runDir}, sorted by key; {@code configFile} (its run.yaml)
   * tells which were given.
   */
  static List<Setting> of(RunConfig config, Path configFile, Path runDir) {
    @SuppressWarnings("unchecked")
    Map<String, Object> flat = Json.JSON.convertValue(config, Map.class);
    Map<String, String> parsed = new TreeMap<>(Params.flatten(flat));
    parsed.values().removeIf(v -> v == null || v.equals("null"));
    Set<String> given = Params.flatten(raw(configFile)).keySet();
    Map<String, String> used = new TreeMap<>();
    inputs(runDir.resolve("meta-train"), MetaTrainResult.class, MetaTrainStage.Inputs.class)
        .ifPresent(
            m -> {
              putTraining(used, "train", m.settings());
              used.put("lora.rank", String.valueOf(m.settings().rank()));
              used.put("lora.alpha", text(m.settings().alpha()));
            });
    inputs(runDir.resolve("fine-tune"), FineTuneResult.class, FineTuneStage.Inputs.class)
        .ifPresent(f -> putTraining(used, "fineTune", f.settings()));
    inputs(runDir.resolve("estimate"), EstimateSubsetsResult.class, EstimateInputs.class)
        .ifPresent(e -> putEstimate(used, e.settings()));
    // The cap the estimate applied (its own, or the default it was given when the store records
    // ||theta*||) is what selection.json states; the configured value alone would say "off".
    Path selection = runDir.resolve("estimate").resolve(SelectionFile.FILE);
    if (Files.isRegularFile(selection)) {
      Double cap = SelectionFile.read(selection).normCap();
      used.put("estimate.normCap", cap == null ? "off" : text(cap));
      used.remove("estimate.defaultNormCap");
    }
    used.put("fidelity.subsets", String.valueOf(config.fidelitySubsets()));
    Map<String, String> values = new TreeMap<>(parsed);
    values.putAll(used);
    List<Setting> out = new ArrayList<>();
    values.forEach((k, v) -> out.add(new Setting(k, v, given.contains(k) ? FROM_FILE : DEFAULT)));
    return out;
  }

  /** run.yaml as written, to tell given values from defaults. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> raw(Path configFile) {
    try {
      Map<String, Object> m = Json.YAML.readValue(configFile.toFile(), Map.class);
      return m == null ? Map.of() : m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The estimate's settings under run.yaml's names (the estimator's knobs flat under {@code
   * estimate.}, where its seed is the one shown); the source digests, the exclusions and what the
   * store fills in (the adapter's size and norm) are provenance, not settings.
   */
  private static void putEstimate(Map<String, String> used, EstimateSubsetsSettings s) {
    used.put("estimate.subsets", String.valueOf(s.subsets()));
    used.put("estimate.alpha", text(s.alpha()));
    used.put("estimate.mode", s.mode());
    used.put("estimate.select", s.select());
    used.put("estimate.scoring", s.scoring());
    used.put("estimate.fastPathSample", String.valueOf(s.fastPathSample()));
    used.put("estimate.pseudoTasks", String.valueOf(s.pseudoTasks()));
    if (s.defaultNormCap() != null) {
      used.put("estimate.defaultNormCap", text(s.defaultNormCap()));
    }
    EstimatorConfig e = s.estimator();
    used.put("estimate.lambda", text(e.lambda()));
    used.put("estimate.normCap", text(e.normCap()));
    used.put("estimate.tolerance", text(e.tolerance()));
    used.put("estimate.maxIterations", String.valueOf(e.maxIterations()));
    used.put("estimate.tokenWeighted", String.valueOf(e.tokenWeighted()));
    used.put("estimate.referenceC", text(e.referenceC()));
    used.put("estimate.labelProbability", text(e.labelProbability()));
    used.put("estimate.referenceScale", text(e.referenceScale()));
    used.put("estimate.seed", String.valueOf(e.seed()));
  }

  /** A number as the table shows it; NaN (a disabled option such as the norm cap) as off. */
  private static String text(double v) {
    return Double.isNaN(v) ? "off" : Double.toString(v);
  }

  /**
   * A stage's typed inputs as its typed manifest in {@code stageDir} records them; empty when it
   * left none or one this code cannot read typed (an older format), so that the table shows
   * run.yaml's values alone.
   */
  private static <T> Optional<T> inputs(Path stageDir, Class<?> resultType, Class<T> inputsType) {
    if (!Files.isRegularFile(stageDir.resolve(StageManifest.FILE))) {
      return Optional.empty();
    }
    try {
      JsonNode inputs = StageManifest.read(stageDir, resultType).inputs();
      return Optional.ofNullable(Json.JSON.treeToValue(inputs, inputsType));
    } catch (InvalidInputException | IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A LoRA stage's training settings under run.yaml's {@code prefix}. */
  private static void putTraining(Map<String, String> used, String prefix, LoraJob.Settings s) {
    used.put(prefix + ".epochs", String.valueOf(s.epochs()));
    used.put(prefix + ".learningRate", text(s.learningRate()));
    used.put(prefix + ".batchSize", String.valueOf(s.batchSize()));
    used.put(prefix + ".evalBatchSize", String.valueOf(s.evalBatchSize()));
    used.put(prefix + ".recompute", String.valueOf(s.recompute()));
  }
}
