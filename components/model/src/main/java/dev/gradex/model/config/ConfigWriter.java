package dev.gradex.model.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link ModelConfig} as a Hugging Face {@code config.json}. */
public final class ConfigWriter {
  private static final ObjectMapper JSON = Json.PRETTY;

  private ConfigWriter() {}

  /** The config.json document. */
  public static ObjectNode toJson(ModelConfig config) {
    ObjectNode n = JSON.createObjectNode();
    n.put("model_type", config.modelType());
    n.put("vocab_size", config.vocabSize());
    if (config instanceof Gpt2Config c) {
      n.putArray("architectures").add("GPT2LMHeadModel");
      n.put("n_positions", c.nPositions());
      n.put("n_embd", c.hiddenSize());
      n.put("n_layer", c.numLayers());
      n.put("n_head", c.numHeads());
      n.put("layer_norm_epsilon", c.layerNormEps());
      n.put("activation_function", "gelu_new");
      n.put("tie_word_embeddings", true);
    } else if (config instanceof LlamaConfig c) {
      n.putArray("architectures").add("LlamaForCausalLM");
      n.put("hidden_size", c.hiddenSize());
      n.put("intermediate_size", c.intermediateSize());
      n.put("num_hidden_layers", c.numLayers());
      n.put("num_attention_heads", c.numHeads());
      n.put("num_key_value_heads", c.numKvHeads());
      n.put("head_dim", c.headDim());
      n.put("rms_norm_eps", c.rmsNormEps());
      n.put("rope_theta", c.ropeTheta());
      n.put("max_position_embeddings", c.maxPositions());
      n.put("tie_word_embeddings", c.tieWordEmbeddings());
      n.put("attention_bias", c.attentionBias());
      n.put("hidden_act", "silu");
    } else if (config instanceof BertConfig c) {
      n.putArray("architectures").add("BertForSequenceClassification");
      n.put("hidden_size", c.hiddenSize());
      n.put("num_hidden_layers", c.numLayers());
      n.put("num_attention_heads", c.numHeads());
      n.put("intermediate_size", c.intermediateSize());
      n.put("max_position_embeddings", c.maxPositions());
      n.put("type_vocab_size", c.typeVocabSize());
      n.put("layer_norm_eps", c.layerNormEps());
      n.put("hidden_act", c.hiddenAct());
      n.put("num_labels", c.numLabels());
    }
    config.eosTokenId().ifPresent(id -> n.put("eos_token_id", id));
    return n;
  }

  /** Writes {@code dir/config.json}. */
  public static void write(ModelConfig config, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), JSON.writeValueAsString(toJson(config)) + "\n");
  }
}
