package dev.gradex.model.lora;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The class names of a classifier's adapter, where a Hugging Face user looks for them: a {@code
 * config.json} beside {@code adapter_config.json} that is the base model's {@code config.json} with
 * {@code id2label} and {@code label2id} set. PEFT's adapter files have no place for label names;
 * {@code AutoConfig.from_pretrained(adapter_dir)} reads this file as an ordinary model config (so
 * it is the whole base config, not just the two maps), and {@code
 * AutoModelForSequenceClassification.from_pretrained(base, id2label=config.id2label)} restores the
 * names. {@code id2label} has one entry per class of the head (num_labels), so loading with it
 * keeps the head's shape.
 */
public final class AdapterLabels {
  /** The file written. */
  public static final String FILE = "config.json";

  private static final ObjectMapper JSON = Json.PRETTY;

  private AdapterLabels() {}

  /**
   * Writes {@code dir/config.json}: {@code baseModel/config.json} with {@code id2label} (index as a
   * string to name, as transformers writes it) and its inverse {@code label2id}.
   */
  public static void write(Path dir, Path baseModel, Map<String, String> id2label) {
    Path base = baseModel.resolve("config.json");
    ObjectNode config;
    try {
      config = (ObjectNode) JSON.readTree(base.toFile());
    } catch (IOException | ClassCastException e) {
      throw new InvalidInputException(base.toString(), "cannot read the base model's config");
    }
    ObjectNode ids = config.putObject("id2label");
    ObjectNode labels = config.putObject("label2id");
    id2label.forEach(
        (id, name) -> {
          ids.put(id, name);
          labels.put(name, Integer.parseInt(id));
        });
    try {
      AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(config) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
