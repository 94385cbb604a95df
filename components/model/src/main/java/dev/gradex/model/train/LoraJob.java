package dev.gradex.model.train;

import ai.djl.Device;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.NativeExitGuard;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.data.LabelMap;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.lora.AdapterLabels;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One LoRA fine-tuning of a Hugging Face base model on a list of datasets, kept at its best epoch
 * by target validation loss, evaluated and saved as a PEFT adapter. Both LoRA stages of Li, Zhang,
 * Wang, Zhang (arXiv 2409.19458) are this job: stage 1, meta-training on the target and every
 * source (theta*), and stage 5, the final fine-tune of the pretrained base on the target and the
 * selected sources.
 */
public final class LoraJob {
  /**
   * Knobs of one job.
   *
   * @param sequenceLimit longest example (0 = the model's context), whether longer ones are cut and
   *     whether completions end with the model's EOS token
   * @param maxSteps optimizer-step budget, 0 = train {@code epochs} epochs ({@link
   *     TrainerConfig#optMaxSteps})
   * @param batching how epochs are cut into batches; null = {@link Batching#DEFAULT}
   * @param evalBatchSize examples per evaluation batch (validation during and after training,
   *     test); 0 = {@code batchSize}
   * @param recompute whether training recomputes each layer in the backward pass ({@link
   *     TrainerConfig#optRecompute}): less memory, one more forward pass, the same gradients
   */
  public record Settings(
      int epochs,
      double learningRate,
      int batchSize,
      int rank,
      double alpha,
      List<String> targets,
      SequenceLimit sequenceLimit,
      long seed,
      long maxSteps,
      Batching batching,
      int evalBatchSize,
      boolean recompute) {
    public Settings {
      targets = targets == null ? List.of() : List.copyOf(targets);
      sequenceLimit = sequenceLimit == null ? SequenceLimit.MODEL : sequenceLimit;
      batching = batching == null ? Batching.DEFAULT : batching;
      if (evalBatchSize < 0) {
        throw new IllegalArgumentException(
            "evalBatchSize must be >= 0 (0 = batchSize; got " + evalBatchSize + ")");
      }
    }

    /** Without layer recomputation. */
    public Settings(
        int epochs,
        double learningRate,
        int batchSize,
        int rank,
        double alpha,
        List<String> targets,
        SequenceLimit sequenceLimit,
        long seed,
        long maxSteps,
        Batching batching,
        int evalBatchSize) {
      this(
          epochs,
          learningRate,
          batchSize,
          rank,
          alpha,
          targets,
          sequenceLimit,
          seed,
          maxSteps,
          batching,
          evalBatchSize,
          false);
    }

    /** Evaluating at the training batch size. */
    public Settings(
        int epochs,
        double learningRate,
        int batchSize,
        int rank,
        double alpha,
        List<String> targets,
        SequenceLimit sequenceLimit,
        long seed,
        long maxSteps,
        Batching batching) {
      this(
          epochs,
          learningRate,
          batchSize,
          rank,
          alpha,
          targets,
          sequenceLimit,
          seed,
          maxSteps,
          batching,
          0);
    }

    /** These settings with an optimizer-step budget of {@code steps} (0 = train the epochs). */
    public Settings withMaxSteps(long steps) {
      return new Settings(
          epochs,
          learningRate,
          batchSize,
          rank,
          alpha,
          targets,
          sequenceLimit,
          seed,
          steps,
          batching,
          evalBatchSize,
          recompute);
    }

    /** Without a step budget, with the default batching. */
    public Settings(
        int epochs,
        double learningRate,
        int batchSize,
        int rank,
        double alpha,
        List<String> targets,
        SequenceLimit sequenceLimit,
        long seed) {
      this(epochs, learningRate, batchSize, rank, alpha, targets, sequenceLimit, seed, 0, null);
    }
  }

  /**
   * Validation (and test, if given) losses of the saved adapter, and the training record.
   *
   * @param examples training examples
   * @param truncated examples of every split cut to the sequence limit (0 unless truncating)
   */
  public record Result(
      TrainResult training, EvalResult validation, EvalResult test, int examples, int truncated) {
    /**
     * The {@link Throughput#metrics()} of this process's training (rates, seconds, padding), for a
     * stage's throughput part (MLflow only): they vary from run to run, so they are never written
     * into metrics.json or a manifest. The deterministic {@code train_steps} is {@code
     * training().steps()}.
     */
    public Map<String, Double> throughputMetrics() {
      return training.throughput().metrics();
    }
  }

  /** The files every LoRA stage writes beside its adapter and lists in its manifest. */
  public static final List<String> RECORDS = List.of("metrics.json", TrainingCurves.FILE);

  private LoraJob() {}

  /**
   * Writes the {@link #RECORDS} into {@code out}, each atomically: the stage's typed {@code
   * results} record as {@code metrics.json} and the run's training curves as {@code curves.csv}.
   */
  public static void writeRecords(Path out, Result r, Object results) {
    try {
      AtomicFiles.writeString(out.resolve("metrics.json"), Json.JSON.writeValueAsString(results));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    r.training().curves().write(out.resolve(TrainingCurves.FILE));
  }

  /**
   * Trains and writes the adapter to {@code adapterOut} (through a temporary directory, so a crash
   * never leaves a half-written adapter); {@code checkpointDir} makes the training resumable.
   */
  public static Result run(
      Path baseModel,
      List<Dataset> train,
      Dataset validation,
      Dataset test,
      Settings s,
      Device device,
      Path adapterOut,
      Path checkpointDir,
      ProgressListener listener) {
    try (LanguageModel m = loadWithLora(baseModel, device, s);
        TextTokenizer tok = TextTokenizer.load(baseModel)) {
      ExampleEncoder enc = encoder(m, tok, s.sequenceLimit());
      enc.requireLabels(validation.labels());
      List<Encoded> data = new ArrayList<>();
      for (Dataset ds : train) {
        data.addAll(enc.encodeAll(ds.examples()));
      }
      if (data.isEmpty()) {
        throw new InvalidInputException("training data", "no examples to train on");
      }
      List<Encoded> val = enc.encodeAll(validation.examples());
      List<Encoded> testData = test == null ? null : enc.encodeAll(test.examples());
      TrainResult r =
          Trainer.builder()
              .setTrainData(data)
              .optValidation(val)
              .setEpochs(s.epochs())
              .setLearningRate(s.learningRate())
              .optBatchSize(s.batchSize())
              .optEvalBatchSize(evalBatchSize(s))
              .optRecompute(s.recompute())
              .optSchedule(Schedule.COSINE)
              .optWarmupRatio(0.05)
              .optWeightDecay(0.0)
              .optSeed(s.seed())
              .optBatching(s.batching())
              .optMaxSteps(s.maxSteps())
              .optCheckpointDir(checkpointDir)
              .optRestoreBest(true)
              .optBaseModelName(baseModel.toString())
              .optListener(listener)
              .build()
              .train(m);
      EvalResult v = Evaluator.evaluate(m, val, evalBatchSize(s));
      if (!Double.isFinite(v.loss())) {
        throw new IllegalStateException(
            "training diverged: the target validation loss is "
                + v.loss()
                + " (try a lower learning rate); no adapter written");
      }
      EvalResult t = testData == null ? null : Evaluator.evaluate(m, testData, evalBatchSize(s));
      try (NativeExitGuard.Section save = NativeExitGuard.enter()) {
        save(m, baseModel, adapterOut, validation.labels(), enc.numLabels());
      }
      int truncated =
          truncated(data) + truncated(val) + (testData == null ? 0 : truncated(testData));
      return new Result(r, v, t, data.size(), truncated);
    }
  }

  /** The base model with fresh LoRA tensors, loaded in a native section. */
  private static LanguageModel loadWithLora(Path baseModel, Device device, Settings s) {
    try (NativeExitGuard.Section load = NativeExitGuard.enter()) {
      LanguageModel m = HfModels.load(baseModel, device, s.seed());
      try {
        LoraConfig d = LoraConfig.defaults(m.config().family());
        List<String> targets = s.targets().isEmpty() ? d.targetModules() : s.targets();
        m.applyLora(
            new LoraConfig(s.rank(), s.alpha(), d.dropout(), targets, d.modulesToSave()), s.seed());
        return m;
      } catch (RuntimeException e) {
        m.close();
        throw e;
      }
    }
  }

  /**
   * Examples per evaluation batch (validation during and after training, test): {@code
   * evalBatchSize}, or the training batch size when it is 0, so that lowering {@code batchSize}
   * lowers the memory of evaluation too (issue 17; it was 32 for the test split and during
   * training, and at least 16 for validation).
   */
  static int evalBatchSize(Settings s) {
    return s.evalBatchSize() > 0 ? s.evalBatchSize() : s.batchSize();
  }

  /** How many of {@code encoded} were cut to the sequence limit. */
  public static int truncated(List<Encoded> encoded) {
    int n = 0;
    for (Encoded e : encoded) {
      n += e.truncated() ? 1 : 0;
    }
    return n;
  }

  /** The model's encoder under {@code limit}. */
  public static ExampleEncoder encoder(LanguageModel m, TextTokenizer tok, SequenceLimit limit) {
    return ExampleEncoder.forModel(m.config(), tok, limit);
  }

  /**
   * Saves the adapter's files into {@code adapterOut} one by one through temporary names, leaving
   * other files there (manifest, metrics, checkpoints) alone; with label names, also the {@code
   * config.json} that carries them ({@link AdapterLabels}).
   */
  private static void save(
      LanguageModel m, Path baseModel, Path adapterOut, LabelMap labels, int numLabels) {
    try {
      Files.createDirectories(adapterOut);
      Path tmp = Files.createTempDirectory(adapterOut, ".tmp-adapter");
      m.saveAdapter(tmp, baseModel.toString());
      if (labels.named()) {
        AdapterLabels.write(tmp, baseModel, labels.id2label(numLabels));
      }
      try (var files = Files.list(tmp)) {
        for (Path f : files.toList()) {
          AtomicFiles.commit(f, adapterOut.resolve(f.getFileName().toString()));
        }
      }
      Files.delete(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write adapter " + adapterOut, e);
    }
  }
}
