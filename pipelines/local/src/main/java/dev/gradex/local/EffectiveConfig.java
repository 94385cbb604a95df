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
 * run.yaml as parsed, overlaid with what the stages recorded in their manifests (the LoRA settings
 * of meta-training and fine-tuning, the estimator's whole configuration, lambda and the norm cap
 * among it) and the fidelity check's subset count. A value the stages used but run.yaml left out is
 * marked as a default.
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
    JsonNode meta = inputs(runDir.resolve("meta-train"));
    JsonNode fine = inputs(runDir.resolve("fine-tune"));
    put(used, "train", meta.path("settings"), List.of("epochs", "learningRate", "batchSize"));
    put(used, "train", meta.path("settings"), List.of("maxSeqLength"));
    put(used, "lora", meta.path("settings"), List.of("rank", "alpha"));
    put(used, "fineTune", fine.path("settings"), List.of("epochs", "learningRate", "batchSize"));
    put(used, "fineTune", fine.path("settings"), List.of("maxSeqLength"));
    estimateSettings(runDir.resolve("estimate")).ifPresent(e -> putEstimate(used, e));
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

  private static void put(
      Map<String, String> used, String prefix, JsonNode node, List<String> keys) {
    for (String k : keys) {
      if (node.has(k)) {
        used.put(prefix + "." + k, text(node.get(k)));
      }
    }
  }

  /** A JSON value as the table shows it; NaN (a disabled option such as the norm cap) as off. */
  private static String text(JsonNode v) {
    String s = v.asText();
    return s.equals("NaN") ? "off" : s;
  }

  /**
   * The settings the estimate recorded in its typed manifest; empty when it left none or one this
   * code cannot read typed (an older format), so that the table shows run.yaml's values alone.
   */
  private static Optional<EstimateSubsetsSettings> estimateSettings(Path estimateDir) {
    if (!Files.isRegularFile(estimateDir.resolve(StageManifest.FILE))) {
      return Optional.empty();
    }
    try {
      JsonNode inputs = StageManifest.read(estimateDir, EstimateSubsetsResult.class).inputs();
      return Optional.of(Json.JSON.treeToValue(inputs, EstimateInputs.class).settings());
    } catch (InvalidInputException | IOException | IllegalArgumentException e) {
      return Optional.empty();
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

  /** A stage manifest's inputs, or an empty node when the stage left none. */
  private static JsonNode inputs(Path stageDir) {
    Path file = stageDir.resolve(StageManifest.FILE);
    if (!Files.isRegularFile(file)) {
      return Json.JSON.createObjectNode();
    }
    try {
      return Json.JSON.readTree(file.toFile()).path("inputs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
