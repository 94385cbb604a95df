package dev.gradex.model.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.ContainedFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of PEFT's {@code adapter_config.json} for a LoRA adapter. {@code fanInFanOut} is true
 * for GPT-2, whose Conv1D layers store weights as (in, out); {@code taskType} is {@code CAUSAL_LM}
 * for decoders and {@code SEQ_CLS} for classifiers.
 */
public record AdapterConfig(
    LoraConfig lora, String taskType, String baseModelNameOrPath, boolean fanInFanOut) {
  /** File name PEFT uses for the configuration. */
  public static final String FILE = "adapter_config.json";

  private static final ObjectMapper JSON = Json.PRETTY;

  /** The JSON document PEFT writes (LoRA without DoRA, rsLoRA or per-layer patterns). */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("peft_type", "LORA");
    n.put("task_type", taskType);
    n.put("base_model_name_or_path", baseModelNameOrPath);
    n.putNull("revision");
    n.put("inference_mode", true);
    n.put("r", lora.rank());
    n.put("lora_alpha", lora.alpha());
    n.put("lora_dropout", lora.dropout());
    n.put("fan_in_fan_out", fanInFanOut);
    n.put("bias", "none");
    n.put("use_rslora", false);
    n.put("use_dora", false);
    n.put("init_lora_weights", true);
    lora.targetModules().forEach(n.putArray("target_modules")::add);
    if (lora.modulesToSave().isEmpty()) {
      n.putNull("modules_to_save");
    } else {
      lora.modulesToSave().forEach(n.putArray("modules_to_save")::add);
    }
    n.putNull("layers_to_transform");
    n.putNull("layers_pattern");
    n.putObject("rank_pattern");
    n.putObject("alpha_pattern");
    return n;
  }

  /** Writes {@code dir/adapter_config.json}. */
  public void write(Path dir) throws IOException {
    Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(toJson()) + "\n");
  }

  /** Reads {@code dir/adapter_config.json}, refusing features this library does not implement. */
  public static AdapterConfig read(Path dir) {
    Path file = ContainedFiles.file(dir, FILE, "adapter directory");
    JsonNode n;
    try {
      n = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new InvalidInputException(file.toString(), "not a JSON object");
    }
    String type = n.path("peft_type").asText("");
    if (!type.equals("LORA")) {
      throw new InvalidInputException(file.toString(), "peft_type '" + type + "' is not LORA");
    }
    refuse(file, n, "use_dora", n.path("use_dora").asBoolean(false));
    refuse(file, n, "use_rslora", n.path("use_rslora").asBoolean(false));
    refuse(file, n, "bias", !n.path("bias").asText("none").equals("none"));
    refuse(file, n, "rank_pattern", n.path("rank_pattern").size() > 0);
    refuse(file, n, "alpha_pattern", n.path("alpha_pattern").size() > 0);
    try {
      LoraConfig lora =
          new LoraConfig(
              n.path("r").asInt(0),
              n.path("lora_alpha").asDouble(n.path("r").asInt(0)),
              n.path("lora_dropout").asDouble(0),
              strings(n.path("target_modules")),
              strings(n.path("modules_to_save")));
      return new AdapterConfig(
          lora,
          n.path("task_type").asText("CAUSAL_LM"),
          n.path("base_model_name_or_path").asText(""),
          n.path("fan_in_fan_out").asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file.toString(), e.getMessage(), e);
    }
  }

  private static void refuse(Path file, JsonNode n, String field, boolean present) {
    if (present) {
      throw new InvalidInputException(
          file.toString(), "'" + field + "' = " + n.get(field) + " is not supported");
    }
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
