package dev.gradex.model.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.model.config.Family;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LoRA settings: rank {@code r}, {@code lora_alpha} (scaling alpha / r), {@code lora_dropout}, the
 * {@code target_modules} (matched as PEFT matches a list: a module whose path equals a target or
 * ends with "." + target) and {@code modules_to_save} (fully trained modules such as a classifier
 * head). Defaults per family live in the resource {@code lora-defaults.json}, not in code.
 */
public record LoraConfig(
    int rank,
    double alpha,
    double dropout,
    List<String> targetModules,
    List<String> modulesToSave) {
  private static final ObjectMapper JSON = Json.JSON;
  private static final String DEFAULTS = "lora-defaults.json";

  public LoraConfig {
    if (rank <= 0) {
      throw new IllegalArgumentException("r must be positive, got " + rank);
    }
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("lora_dropout must be in [0, 1), got " + dropout);
    }
    if (targetModules.isEmpty()) {
      throw new IllegalArgumentException("target_modules is empty");
    }
    targetModules = List.copyOf(targetModules);
    modulesToSave = List.copyOf(modulesToSave);
  }

  /** The output scaling alpha / r applied to B A x. */
  public double scaling() {
    return alpha / rank;
  }

  /** Whether LoRA goes on the module at {@code modulePath} (PEFT's list matching). */
  public boolean targets(String modulePath) {
    return matches(targetModules, modulePath);
  }

  /** Whether the module at {@code modulePath} is trained fully and saved with the adapter. */
  public boolean saves(String modulePath) {
    return matches(modulesToSave, modulePath);
  }

  private static boolean matches(List<String> names, String modulePath) {
    for (String t : names) {
      if (modulePath.equals(t) || modulePath.endsWith("." + t)) {
        return true;
      }
    }
    return false;
  }

  /** The built-in defaults for {@code family}. */
  public static LoraConfig defaults(Family family) {
    try (InputStream in = LoraConfig.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULTS + " missing from the jar");
      }
      return fromJson(JSON.readTree(in), family, DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a settings file: either one object with {@code r}, {@code lora_alpha}, ... or an object
   * keyed by family ({@code gpt2}, {@code llama}, {@code bert}) like the built-in defaults.
   */
  public static LoraConfig read(Path file, Family family) {
    try {
      return fromJson(JSON.readTree(Files.readString(file)), family, file.toString());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  private static LoraConfig fromJson(JsonNode root, Family family, String source) {
    JsonNode n = root.has(family.key()) ? root.get(family.key()) : root;
    try {
      return new LoraConfig(
          require(n, "r", source).asInt(),
          require(n, "lora_alpha", source).asDouble(),
          n.path("lora_dropout").asDouble(0.0),
          strings(require(n, "target_modules", source)),
          strings(n.path("modules_to_save")));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(source, e.getMessage(), e);
    }
  }

  private static JsonNode require(JsonNode n, String field, String source) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(source, "missing field '" + field + "'");
    }
    return v;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    }
    n.forEach(v -> out.add(v.asText()));
    return out;
  }
}
