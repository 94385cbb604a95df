package dev.gradex.model.gguf;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.config.LlamaConfig;
import java.util.OptionalLong;

/**
 * The {@link LlamaConfig} of a Llama-family GGUF file, from its {@code llama.*} metadata and its
 * tokenizer's end-of-sequence id ({@code tokenizer.ggml.eos_token_id}).
 */
final class LlamaGgufConfig {
  private static final String EOS = "tokenizer.ggml.eos_token_id";

  private LlamaGgufConfig() {}

  static LlamaConfig read(GgufFile gguf, boolean tied) {
    GgufMetadata m = gguf.metadata();
    String file = gguf.path().toString();
    int hidden = positive(m, "llama.embedding_length", file);
    int heads = positive(m, "llama.attention.head_count", file);
    int kvHeads = (int) m.integer("llama.attention.head_count_kv", heads);
    int headDim = (int) m.integer("llama.attention.key_length", hidden / heads);
    int vocab = (int) gguf.tensor("token_embd.weight").dims()[1];
    if (m.has("llama.rope.scaling.type") && !m.string("llama.rope.scaling.type").equals("none")) {
      throw new InvalidInputException(
          file,
          "llama.rope.scaling.type " + m.string("llama.rope.scaling.type") + " is not supported");
    }
    try {
      return new LlamaConfig(
          "llama",
          vocab,
          hidden,
          positive(m, "llama.feed_forward_length", file),
          positive(m, "llama.block_count", file),
          heads,
          kvHeads,
          headDim,
          m.real("llama.attention.layer_norm_rms_epsilon", 1e-6),
          m.real("llama.rope.freq_base", 10000.0),
          (int) m.integer("llama.context_length", 2048),
          tied,
          false,
          null,
          m.has(EOS) ? OptionalLong.of(m.integer(EOS)) : OptionalLong.empty());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file, "GGUF metadata: " + e.getMessage(), e);
    }
  }

  private static int positive(GgufMetadata m, String key, String file) {
    long v = m.integer(key);
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw new InvalidInputException(file, "GGUF metadata " + key + " must be positive: " + v);
    }
    return (int) v;
  }
}
