package dev.gradex.model.cli;

import dev.gradex.model.ModelRuntime;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.train.Batching;
import dev.gradex.model.train.LoraJob;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options the two LoRA stages (meta-train and fine-tune) share, one flag per knob, with their
 * defaults written here once. A picocli mixin.
 */
public final class LoraTrainingOptions {
  @Option(names = "--sources", required = true, description = "Sources directory (sources.yaml).")
  public Path sources;

  @Option(
      names = "--base-model",
      required = true,
      description = "Hugging Face model directory (config.json, safetensors, tokenizer.json).")
  public Path baseModel;

  @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
  public int epochs = 3;

  @Option(
      names = "--learning-rate",
      description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  public double learningRate = 1e-3;

  @Option(names = "--batch-size", description = "Examples per step (default: ${DEFAULT-VALUE}).")
  public int batchSize = 16;

  @Option(names = "--lora-rank", description = "LoRA rank r (default: ${DEFAULT-VALUE}).")
  public int loraRank = 8;

  @Option(names = "--lora-alpha", description = "LoRA alpha (default: ${DEFAULT-VALUE}).")
  public double loraAlpha = 16;

  @Option(
      names = "--lora-targets",
      split = ",",
      description = "Modules to adapt (default: the family's, from lora-defaults.json).")
  public List<String> loraTargets = List.of();

  @Option(
      names = "--max-seq-length",
      description =
          "Longest example in tokens; longer ones are refused unless --truncate (default: 0 ="
              + " the model's context; at most the model's context).")
  public int maxSeqLength;

  @Option(
      names = "--truncate",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Cut examples longer than --max-seq-length instead of refusing them: a text's end, a"
              + " prompt's start (the completion is kept); the count is in metrics.json. --truncate"
              + " alone or --truncate true; default false.")
  public boolean truncate;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  public long seed;

  @Option(
      names = "--max-steps",
      description =
          "Optimizer-step budget; passes over the data repeat until it is spent, and --epochs is"
              + " ignored. 0 = off, train --epochs epochs (default: ${DEFAULT-VALUE}).")
  public long maxSteps;

  @Option(
      names = "--batching",
      converter = BatchingConverter.class,
      description =
          "random (a seeded shuffle) or by-length (similar lengths batched together, less"
              + " padding) (default: ${DEFAULT-VALUE}).")
  public Batching batching = Batching.DEFAULT;

  @Mixin public ThreadOptions threads = new ThreadOptions();

  @Option(names = "--device", description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE}).")
  public String device = "cpu";

  /** The settings these options describe. */
  public LoraJob.Settings settings() {
    return new LoraJob.Settings(
        epochs,
        learningRate,
        batchSize,
        loraRank,
        loraAlpha,
        loraTargets,
        new SequenceLimit(maxSeqLength, truncate),
        seed,
        maxSteps,
        batching);
  }

  /** The DJL device, after setting the engine's threads (it starts the engine). */
  public ai.djl.Device djlDevice() {
    threads.apply();
    return ModelRuntime.device(device);
  }

  /** Parses {@code --batching}. */
  static final class BatchingConverter implements CommandLine.ITypeConverter<Batching> {
    @Override
    public Batching convert(String value) {
      try {
        return Batching.parse("--batching", value);
      } catch (dev.gradex.core.InvalidInputException e) {
        throw new CommandLine.TypeConversionException(e.detail());
      }
    }
  }
}
