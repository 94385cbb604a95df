package dev.gradex.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.Json;
import dev.gradex.tracking.Params;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** Estimator inputs the run fills in from the store (provenance, not settings). */
  private static final Set<String> NOT_SETTINGS =
      Set.of("parameterCount", "adapterNorm", "sourceDigests", "exclude");

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
    JsonNode estimate = inputs(runDir.resolve("estimate")).path("config");
    put(used, "train", meta.path("settings"), List.of("epochs", "learningRate", "batchSize"));
    put(used, "train", meta.path("settings"), List.of("maxSeqLength"));
    put(used, "lora", meta.path("settings"), List.of("rank", "alpha"));
    put(used, "fineTune", fine.path("settings"), List.of("epochs", "learningRate", "batchSize"));
    put(used, "fineTune", fine.path("settings"), List.of("maxSeqLength"));
    estimate
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().equals("estimator")) {
                e.getValue()
                    .fields()
                    .forEachRemaining(
                        x -> {
                          if (!NOT_SETTINGS.contains(x.getKey())) {
                            used.put("estimate." + x.getKey(), text(x.getValue()));
                          }
                        });
              } else if (e.getValue().isValueNode() && !NOT_SETTINGS.contains(e.getKey())) {
                used.put("estimate." + e.getKey(), text(e.getValue()));
              }
            });
    // The cap the estimate applied (its own, or the default it was given when the store records
    // ||theta*||) is what selection.json states; the configured value alone would say "off".
    JsonNode selection = selection(runDir);
    if (selection.has("normCap")) {
      used.put(
          "estimate.normCap",
          selection.get("normCap").isNumber() ? text(selection.get("normCap")) : "off");
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

  /** The estimate's selection.json, or an empty node when there is none. */
  private static JsonNode selection(Path runDir) {
    Path file = runDir.resolve("estimate").resolve("selection.json");
    if (!Files.isRegularFile(file)) {
      return Json.JSON.createObjectNode();
    }
    try {
      return Json.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
