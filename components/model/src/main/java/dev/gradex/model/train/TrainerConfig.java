package dev.gradex.model.train;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.data.Encoded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of a {@link Trainer}: {@code set...} fields are required, {@code opt...} optional;
 * {@link #build()} reports every problem in one message.
 */
public final class TrainerConfig {
  List<Encoded> train;
  List<Encoded> validation;
  int epochs;
  double learningRate;
  double weightDecay = 0.0;
  Schedule schedule = Schedule.LINEAR;
  double warmupRatio = 0.0;
  double clip = 1.0;
  int accumulation = 1;
  int batchSize = 8;
  int evalBatchSize = 32;
  long seed;
  Path checkpointDir;
  int checkpointEvery = 0;
  boolean restoreBest = true;
  String baseModelName = "base";
  Batching batching = Batching.RANDOM;
  long maxSteps = 0;
  boolean recompute;
  ProgressListener listener = ProgressListener.NONE;

  /** Training examples (all tasks mixed; order is reshuffled every epoch). */
  public TrainerConfig setTrainData(List<Encoded> train) {
    this.train = train;
    return this;
  }

  /** Number of epochs. */
  public TrainerConfig setEpochs(int epochs) {
    this.epochs = epochs;
    return this;
  }

  /** Peak learning rate. */
  public TrainerConfig setLearningRate(double learningRate) {
    this.learningRate = learningRate;
    return this;
  }

  /** Target validation examples, evaluated after every epoch; the best epoch is kept. */
  public TrainerConfig optValidation(List<Encoded> validation) {
    this.validation = validation;
    return this;
  }

  /** Decoupled weight decay (default 0). */
  public TrainerConfig optWeightDecay(double weightDecay) {
    this.weightDecay = weightDecay;
    return this;
  }

  /** Decay after warm-up (default linear). */
  public TrainerConfig optSchedule(Schedule schedule) {
    this.schedule = schedule;
    return this;
  }

  /** Fraction of all optimizer steps spent warming up (default 0). */
  public TrainerConfig optWarmupRatio(double warmupRatio) {
    this.warmupRatio = warmupRatio;
    return this;
  }

  /**
   * Recompute each layer in the backward pass instead of keeping its activations (default off):
   * less memory per token for one more forward pass of the layers ({@link BatchBackward}).
   */
  public TrainerConfig optRecompute(boolean recompute) {
    this.recompute = recompute;
    return this;
  }

  /** Global gradient-norm clip (default 1; <= 0 disables). */
  public TrainerConfig optClip(double clip) {
    this.clip = clip;
    return this;
  }

  /** Micro-batches per optimizer step (default 1). */
  public TrainerConfig optAccumulation(int accumulation) {
    this.accumulation = accumulation;
    return this;
  }

  /** Examples per micro-batch (default 8). */
  public TrainerConfig optBatchSize(int batchSize) {
    this.batchSize = batchSize;
    return this;
  }

  /** Examples per evaluation batch (default 32). */
  public TrainerConfig optEvalBatchSize(int evalBatchSize) {
    this.evalBatchSize = evalBatchSize;
    return this;
  }

  /** Seed of the per-epoch shuffles (default 0). */
  public TrainerConfig optSeed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Where {@code last.safetensors} (resume state) and {@code best/} (the best adapter, PEFT layout)
   * go; an existing {@code last.safetensors} is resumed from. Without it nothing is written.
   */
  public TrainerConfig optCheckpointDir(Path checkpointDir) {
    this.checkpointDir = checkpointDir;
    return this;
  }

  /** Also checkpoint every this many optimizer steps (default 0: at epoch ends only). */
  public TrainerConfig optCheckpointEvery(int steps) {
    this.checkpointEvery = steps;
    return this;
  }

  /** Whether to load the best epoch's weights into the model at the end (default true). */
  public TrainerConfig optRestoreBest(boolean restoreBest) {
    this.restoreBest = restoreBest;
    return this;
  }

  /** Base model name recorded in the best adapter's adapter_config.json. */
  public TrainerConfig optBaseModelName(String name) {
    this.baseModelName = name;
    return this;
  }

  /**
   * Receives the training's progress events: {@link ProgressEvent.WorkStarted} (steps), {@link
   * ProgressEvent.TrainingStep}, {@link ProgressEvent.EpochEvaluated} and {@link
   * ProgressEvent.CheckpointWritten}.
   */
  public TrainerConfig optListener(ProgressListener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * How epochs are cut into micro-batches (default {@link Batching#RANDOM}, the plain shuffle; the
   * stages default to {@link Batching#DEFAULT}).
   */
  public TrainerConfig optBatching(Batching batching) {
    this.batching = batching;
    return this;
  }

  /**
   * A budget in optimizer steps (default 0: off, {@link #setEpochs} epochs are trained). With a
   * budget the epochs setting is ignored: passes over the data repeat, each freshly shuffled, until
   * exactly this many steps are done (the last pass may be partial); the warm-up and decay span
   * these steps, and the target validation loss is evaluated at the end of every full pass and at
   * the last step, the best of those points being kept.
   */
  public TrainerConfig optMaxSteps(long maxSteps) {
    this.maxSteps = maxSteps;
    return this;
  }

  /** Validates everything at once. */
  public Trainer build() {
    List<String> problems = new ArrayList<>();
    if (train == null || train.isEmpty()) {
      problems.add("training data is required and non-empty (setTrainData)");
    }
    if (epochs < 1) {
      problems.add("epochs must be >= 1 (setEpochs), got " + epochs);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      problems.add("learning rate must be > 0 (setLearningRate), got " + learningRate);
    }
    if (weightDecay < 0 || warmupRatio < 0 || warmupRatio >= 1) {
      problems.add("weight decay must be >= 0 and warm-up ratio in [0, 1)");
    }
    if (accumulation < 1 || batchSize < 1 || evalBatchSize < 1 || checkpointEvery < 0) {
      problems.add("accumulation, batch sizes must be >= 1 and checkpointEvery >= 0");
    }
    if (batching == null) {
      problems.add("batching must be random or by-length (optBatching), got null");
    }
    if (maxSteps < 0) {
      problems.add("maxSteps must be >= 0 (0 = train setEpochs epochs), got " + maxSteps);
    }
    if (validation != null && validation.isEmpty()) {
      problems.add("validation data, when given, must be non-empty");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("training", String.join("; ", problems));
    }
    return new Trainer(this);
  }
}
