package dev.gradex.model.gguf;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The llama.cpp tensor names of the Llama family and the Hugging Face names {@code arch.LlamaModel}
 * loads: {@code token_embd} is {@code model.embed_tokens}, {@code blk.N.attn_q} is {@code
 * model.layers.N.self_attn.q_proj}, and so on.
 */
final class LlamaTensorNames {
  private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d+)\\.([a-z_]+)\\.(weight|bias)");
  private static final Map<String, String> GLOBAL =
      Map.of(
          "token_embd", "model.embed_tokens",
          "output_norm", "model.norm",
          "output", "lm_head");
  private static final Map<String, String> IN_BLOCK =
      Map.of(
          "attn_q", "self_attn.q_proj",
          "attn_k", "self_attn.k_proj",
          "attn_v", "self_attn.v_proj",
          "attn_output", "self_attn.o_proj",
          "ffn_gate", "mlp.gate_proj",
          "ffn_up", "mlp.up_proj",
          "ffn_down", "mlp.down_proj",
          "attn_norm", "input_layernorm",
          "ffn_norm", "post_attention_layernorm");

  private LlamaTensorNames() {}

  /** The Hugging Face name of a GGUF tensor, or empty if the family has no such tensor. */
  static Optional<String> toHf(String gguf) {
    Matcher m = BLOCK.matcher(gguf);
    if (m.matches()) {
      String part = IN_BLOCK.get(m.group(2));
      return part == null
          ? Optional.empty()
          : Optional.of("model.layers." + m.group(1) + "." + part + "." + m.group(3));
    }
    int dot = gguf.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String base = GLOBAL.get(gguf.substring(0, dot));
    return base == null ? Optional.empty() : Optional.of(base + gguf.substring(dot));
  }

  /** Whether the tensor's rows were permuted for rotary embeddings, and with which head count. */
  static Rotated rotated(String gguf) {
    Matcher m = BLOCK.matcher(gguf);
    if (!m.matches()) {
      return Rotated.NONE;
    }
    return switch (m.group(2)) {
      case "attn_q" -> Rotated.QUERY;
      case "attn_k" -> Rotated.KEY;
      default -> Rotated.NONE;
    };
  }

  /** Which head count a permuted tensor was permuted with. */
  enum Rotated {
    NONE,
    QUERY,
    KEY
  }
}
