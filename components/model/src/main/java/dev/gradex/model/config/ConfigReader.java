package dev.gradex.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Reads {@code config.json} from a Hugging Face model directory into a {@link ModelConfig}. */
public final class ConfigReader {
  /** {@code model_type} values loaded by the Llama-family implementation. */
  public static final Set<String> LLAMA_TYPES = Set.of("llama", "mistral", "qwen2");

  private static final ObjectMapper JSON = Json.JSON;

  private ConfigReader() {}

  /** Reads {@code dir/config.json}. */
  public static ModelConfig read(Path dir) {
    Path file = dir.resolve("config.json");
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(file.toString(), "not a JSON object");
    }
    try {
      return parse(new Fields(file, root));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file.toString(), e.getMessage(), e);
    }
  }

  static ModelConfig parse(Fields f) {
    String type = f.string("model_type");
    if (type.equals("gpt2")) {
      String act = f.string("activation_function", "gelu_new");
      if (!act.equals("gelu_new") && !act.equals("gelu_pytorch_tanh")) {
        throw new InvalidInputException(
            f.file().toString(), "activation_function '" + act + "' is not supported for gpt2");
      }
      if (f.root().hasNonNull("n_inner")) {
        throw new InvalidInputException(
            f.file().toString(), "n_inner other than null (4 * n_embd) is not supported");
      }
      return new Gpt2Config(
          f.integer("vocab_size"),
          f.integer("n_positions"),
          f.integer("n_embd"),
          f.integer("n_layer"),
          f.integer("n_head"),
          f.decimal("layer_norm_epsilon", 1e-5),
          f.tokenId("eos_token_id"));
    }
    if (LLAMA_TYPES.contains(type)) {
      return llama(f, type);
    }
    if (type.equals("bert")) {
      String pos = f.string("position_embedding_type", "absolute");
      if (!pos.equals("absolute")) {
        throw new InvalidInputException(
            f.file().toString(), "position_embedding_type '" + pos + "' is not supported");
      }
      int labels = f.root().has("id2label") ? f.root().get("id2label").size() : 2;
      return new BertConfig(
          f.integer("vocab_size"),
          f.integer("hidden_size"),
          f.integer("num_hidden_layers"),
          f.integer("num_attention_heads"),
          f.integer("intermediate_size"),
          f.integer("max_position_embeddings"),
          f.integer("type_vocab_size", 2),
          f.decimal("layer_norm_eps", 1e-12),
          f.string("hidden_act", "gelu"),
          f.integer("num_labels", labels));
    }
    throw new InvalidInputException(
        f.file().toString(),
        "unknown model_type '"
            + type
            + "'; supported: gpt2, bert, "
            + String.join(", ", LLAMA_TYPES.stream().sorted().toList()));
  }

  private static LlamaConfig llama(Fields f, String type) {
    String act = f.string("hidden_act", "silu");
    if (!act.equals("silu")) {
      throw new InvalidInputException(
          f.file().toString(), "hidden_act '" + act + "' is not supported for " + type);
    }
    int hidden = f.integer("hidden_size");
    int heads = f.integer("num_attention_heads");
    return new LlamaConfig(
        type,
        f.integer("vocab_size"),
        hidden,
        f.integer("intermediate_size"),
        f.integer("num_hidden_layers"),
        heads,
        f.integer("num_key_value_heads", heads),
        f.integer("head_dim", heads > 0 ? hidden / heads : 0),
        f.decimal("rms_norm_eps", 1e-6),
        f.decimal("rope_theta", 10000.0),
        f.integer("max_position_embeddings", 2048),
        f.bool("tie_word_embeddings", false),
        f.bool("attention_bias", type.equals("qwen2")),
        ropeScaling(f),
        f.tokenId("eos_token_id"));
  }

  private static RopeScaling ropeScaling(Fields f) {
    JsonNode s = f.root().get("rope_scaling");
    if (s == null || s.isNull()) {
      return null;
    }
    String type = s.path("rope_type").asText(s.path("type").asText(""));
    if (type.equals("default")) {
      return null;
    }
    return new RopeScaling(
        type,
        s.path("factor").asDouble(1),
        s.path("low_freq_factor").asDouble(1),
        s.path("high_freq_factor").asDouble(4),
        s.path("original_max_position_embeddings").asInt(8192));
  }
}
