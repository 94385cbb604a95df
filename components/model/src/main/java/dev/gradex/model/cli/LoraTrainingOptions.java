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
 * The options the two LoRA stages (meta-train and fine-tune) share, one flag per knob. A picocli
 * mixin; the command that uses it takes the defaults and help of its section ({@code train} or
 * {@code fineTune}) from the settings catalog with {@code @Command(modelTransformer =
 * CatalogOptions.class)}.
 */
public final class LoraTrainingOptions {
  @Option(names = "--sources", required = true, description = "Sources directory (sources.yaml).")
  public Path sources;

  @Option(
      names = "--base-model",
      required = true,
      description = "Hugging Face model directory (config.json, safetensors, tokenizer.json).")
  public Path baseModel;

  // The catalog settings (dev.gradex.component.settings.Settings: seed, data, lora and the
  // section of the stage): flag and field here, default and help from the catalog (CatalogOptions).
  @Option(names = "--epochs")
  public int epochs;

  @Option(names = "--learning-rate")
  public double learningRate;

  @Option(names = "--batch-size")
  public int batchSize;

  @Option(names = "--eval-batch-size")
  public int evalBatchSize;

  @Option(names = "--lora-rank")
  public int loraRank;

  @Option(names = "--lora-alpha")
  public double loraAlpha;

  @Option(
      names = "--lora-targets",
      split = ",",
      description = "Modules to adapt (default: the family's, from lora-defaults.json).")
  public List<String> loraTargets = List.of();

  @Option(names = "--max-seq-length")
  public int maxSeqLength;

  // Kubeflow passes a value (--truncate true); by hand the flag alone is enough.
  @Option(names = "--truncate", arity = "0..1", fallbackValue = "true")
  public boolean truncate;

  // As --truncate; its default is on, so --append-eos false turns it off.
  @Option(names = "--append-eos", arity = "0..1", fallbackValue = "true")
  public boolean appendEos = SequenceLimit.DEFAULT_APPEND_EOS;

  @Option(names = "--seed")
  public long seed;

  // As --truncate.
  @Option(names = "--recompute", arity = "0..1", fallbackValue = "true")
  public boolean recompute;

  @Option(names = "--max-steps")
  public long maxSteps;

  @Option(names = "--batching", converter = BatchingConverter.class)
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
        new SequenceLimit(maxSeqLength, truncate, appendEos),
        seed,
        maxSteps,
        batching,
        evalBatchSize,
        recompute);
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
