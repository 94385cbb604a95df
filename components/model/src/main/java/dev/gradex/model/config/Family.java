package dev.gradex.model.config;

/** Architecture families; LoRA target modules are configured per family. */
public enum Family {
  /** GPT-2 (Radford et al., 2019): learned positions, pre-LN, Conv1D weights, gelu_new. */
  GPT2,
  /** Llama (Touvron et al., 2023) and relatives: RMSNorm, RoPE, SwiGLU, grouped-query attention. */
  LLAMA,
  /** BERT (Devlin et al., 2019) and MiniLM: post-LN encoder with a classification head. */
  BERT;

  /** Lower-case name as used in configuration files. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
