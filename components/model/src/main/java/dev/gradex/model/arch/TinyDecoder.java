package dev.gradex.model.arch;

import ai.djl.Device;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.config.Gpt2Config;

/**
 * A small GPT-2 that the project trains from scratch for tests and the demo (the paper's synthetic
 * check uses a 2-layer GPT-2 on 5-digit addition; Li et al., arXiv 2409.19458). It is an ordinary
 * GPT-2, so it saves and loads like any Hugging Face checkpoint.
 */
public final class TinyDecoder {
  private TinyDecoder() {}

  /** A GPT-2 config of the given size with LayerNorm epsilon 1e-5. */
  public static Gpt2Config config(int vocab, int context, int hidden, int layers, int heads) {
    return new Gpt2Config(vocab, context, hidden, layers, heads, 1e-5);
  }

  /** A freshly initialised tiny decoder (GPT-2's N(0, 0.02) initialisation), seeded. */
  public static LanguageModel create(Gpt2Config config, Device device, long seed) {
    return HfModels.random(config, device, seed, 0.02, 0);
  }
}
