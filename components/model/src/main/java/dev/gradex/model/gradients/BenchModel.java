package dev.gradex.model.gradients;

import ai.djl.Device;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.ConfigReader;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.lora.LoraConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The model a gradient or memory benchmark runs on, with LoRA applied and its B factors made
 * non-zero (so gradients flow into A as well): either the synthetic GPT-2-shaped decoder (LoRA on
 * every linear layer) or a real Hugging Face directory (the stages' LoRA defaults of its family,
 * e.g. SmolLM2 imported by {@code gradex model import-gguf}).
 */
public sealed interface BenchModel {
  /** Loads the model on {@code device}; the caller closes it. */
  LanguageModel open(Device device);

  /** Its vocabulary (the benchmark's random tokens are below it). */
  int vocab();

  /** A one-line description for the benchmark's output. */
  String describe();

  /**
   * The synthetic decoder.
   *
   * @param hidden width
   * @param layers transformer blocks
   * @param heads attention heads
   * @param rank LoRA rank (alpha = 2 r)
   * @param vocab vocabulary size
   * @param context positions
   */
  record Synthetic(int hidden, int layers, int heads, int rank, int vocab, int context)
      implements BenchModel {
    @Override
    public LanguageModel open(Device device) {
      LanguageModel m =
          TinyDecoder.create(TinyDecoder.config(vocab, context, hidden, layers, heads), device, 1);
      m.applyLora(
          new LoraConfig(rank, 2.0 * rank, 0, List.of("c_attn", "c_proj", "c_fc"), List.of()), 2);
      GradientBench.randomizeB(m);
      return m;
    }

    @Override
    public String describe() {
      return "synthetic GPT-2 decoder, " + layers + " x " + hidden + ", vocabulary " + vocab;
    }
  }

  /**
   * A Hugging Face model directory.
   *
   * @param dir the directory (config.json, model.safetensors)
   * @param vocab its vocabulary size (from config.json)
   */
  record Directory(Path dir, int vocab) implements BenchModel {
    /** The directory's model, its vocabulary read from its config.json. */
    public static Directory of(Path dir) {
      ModelConfig c = ConfigReader.read(dir);
      if (!c.isDecoder()) {
        throw new InvalidInputException(
            dir.resolve("config.json").toString(),
            "the benchmarks time a causal decoder's token objective; this is a "
                + c.family().name().toLowerCase(Locale.ROOT)
                + " classifier");
      }
      return new Directory(dir, c.vocabSize());
    }

    @Override
    public LanguageModel open(Device device) {
      LanguageModel m = HfModels.load(dir, device, 1);
      m.applyLora(LoraConfig.defaults(m.config().family()), 2);
      GradientBench.randomizeB(m);
      return m;
    }

    @Override
    public String describe() {
      return dir + " (" + ConfigReader.read(dir).family().name().toLowerCase(Locale.ROOT) + ")";
    }
  }
}
