package dev.gradex.component.settings;

import static dev.gradex.component.settings.Surface.CLI;
import static dev.gradex.component.settings.Surface.KFP;
import static dev.gradex.component.settings.Surface.RUN_YAML;

import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.EstimatorMode;
import java.util.Arrays;
import java.util.List;

/**
 * The catalog: every setting that more than one front-end takes (and the local runner's own
 * sections), with its one default. The estimator's defaults are the core's ({@link
 * EstimatorConfig}); everything else is defined here. docs/configuration.md is generated from this
 * class ({@link ConfigurationDoc}).
 */
public final class Settings {
  private Settings() {}

  private static final Constraint POSITIVE = new Constraint.Positive();
  private static final Constraint AT_LEAST_0 = new Constraint.AtLeast(0);
  private static final Constraint AT_LEAST_1 = new Constraint.AtLeast(1);
  private static final Constraint BATCHING = new Constraint.OneOf(List.of("random", "by-length"));

  public static final Setting<Long> SEED =
      Setting.builder(Section.RUN, "seed", Long.class)
          .setDefault(0L)
          .setHelp(
              "Seed of both LoRA trainings (initialisation, batch order) and of the subset"
                  + " sampling.")
          .build();

  public static final Setting<Integer> DATA_MAX_SEQ_LENGTH =
      Setting.builder(Section.DATA, "maxSeqLength", Integer.class)
          .setDefault(0)
          .optConstraint(AT_LEAST_0)
          .setHelp(
              "Longest example in tokens, in every stage; longer ones are refused up front unless"
                  + " truncate. 0 = the model's context (and at most that).")
          .build();

  public static final Setting<Boolean> DATA_TRUNCATE =
      Setting.builder(Section.DATA, "truncate", Boolean.class)
          .setDefault(false)
          .setHelp(
              "Cut examples longer than maxSeqLength instead of refusing them: a text's end, a"
                  + " prompt's start (the completion is kept); the count is in the metrics.")
          .build();

  public static final Setting<Boolean> DATA_APPEND_EOS =
      Setting.builder(Section.DATA, "appendEos", Boolean.class)
          .setDefault(true)
          .setHelp(
              "End each completion with the model's end-of-sequence token (config.json's"
                  + " eos_token_id), supervised, so a fine-tuned model learns to stop; models"
                  + " without an EOS id (the demo's) get none, classifiers never.")
          .build();

  public static final Setting<Integer> LORA_RANK =
      Setting.builder(Section.LORA, "rank", Integer.class)
          .setDefault(8)
          .optConstraint(AT_LEAST_1)
          .setHelp("LoRA rank r of meta-training and fine-tuning.")
          .build();

  public static final Setting<Double> LORA_ALPHA =
      Setting.builder(Section.LORA, "alpha", Double.class)
          .setDefault(16.0)
          .optConstraint(POSITIVE)
          .setHelp("LoRA scaling alpha (the update is scaled by alpha / r).")
          .build();

  public static final Setting<Integer> TRAIN_EPOCHS = epochs(Section.TRAIN);
  public static final Setting<Double> TRAIN_LEARNING_RATE = learningRate(Section.TRAIN);
  public static final Setting<Integer> TRAIN_BATCH_SIZE =
      batchSize(Section.TRAIN, "Examples per optimizer step.");
  public static final Setting<Integer> TRAIN_EVAL_BATCH_SIZE = evalBatchSize(Section.TRAIN);
  public static final Setting<Boolean> TRAIN_RECOMPUTE = recompute(Section.TRAIN);
  public static final Setting<Long> TRAIN_MAX_STEPS = maxSteps(Section.TRAIN);
  public static final Setting<String> TRAIN_BATCHING = batching(Section.TRAIN);

  public static final Setting<Integer> GRADIENTS_DIM =
      Setting.builder(Section.GRADIENTS, "dim", Integer.class)
          .setDefault(200)
          .optConstraint(AT_LEAST_1)
          .setHelp("Projected dimension d of the per-example gradients.")
          .build();

  public static final Setting<Long> GRADIENTS_PROJECTOR_SEED =
      Setting.builder(Section.GRADIENTS, "projectorSeed", Long.class)
          .setDefault(0L)
          .setHelp("Seed of the random projection P (run.yaml also reads the older key seed).")
          .build();

  public static final Setting<Integer> GRADIENTS_BATCH_SIZE =
      batchSize(Section.GRADIENTS, "Examples per forward-backward pass of the extraction.");

  public static final Setting<Integer> ESTIMATE_SUBSETS =
      Setting.builder(Section.ESTIMATE, "subsets", Integer.class)
          .setDefault(1000)
          .optConstraint(AT_LEAST_1)
          .setHelp("Number m of random subsets whose fine-tuned loss is estimated.")
          .build();

  public static final Setting<Double> ESTIMATE_ALPHA =
      Setting.builder(Section.ESTIMATE, "alpha", Double.class)
          .setDefault(0.5)
          .optConstraint(new Constraint.Fraction())
          .setHelp("Each sampled subset holds floor(alpha * n) of the n sources.")
          .build();

  public static final Setting<String> ESTIMATE_MODE =
      Setting.builder(Section.ESTIMATE, "mode", String.class)
          .setDefault("faithful")
          .optConstraint(
              new Constraint.OneOf(
                  Arrays.stream(EstimatorMode.values()).map(EstimatorMode::toString).toList()))
          .setHelp("The estimator of each subset's fine-tuned loss.")
          .build();

  public static final Setting<Double> ESTIMATE_LAMBDA =
      Setting.builder(Section.ESTIMATE, "lambda", Double.class)
          .setDefault(EstimatorConfig.DEFAULT_LAMBDA)
          .optConstraint(POSITIVE)
          .setHelp("L2 strength of the faithful estimator.")
          .build();

  public static final Setting<Double> ESTIMATE_NORM_CAP =
      Setting.builder(Section.ESTIMATE, "normCap", Double.class)
          .setDefault(EstimatorConfig.DEFAULT_NORM_CAP)
          .optConstraint(AT_LEAST_0)
          .optSoft()
          .setHelp(
              "Cap r on ||P w|| / ||theta*|| (keeps the estimated update in the linear regime);"
                  + " 0 = no cap. Unset, it applies when the store records ||theta*||, as every"
                  + " store of a run does.")
          .build();

  public static final Setting<String> ESTIMATE_SELECT =
      Setting.builder(Section.ESTIMATE, "select", String.class)
          .setDefault("best-prefix")
          .optConstraint(
              new Constraint.Described(
                  "best-prefix | below-mean | top-k:K | top-ratio:R | threshold:T | forward |"
                      + " backward"))
          .setHelp("The rule that turns the estimates into the selected sources.")
          .build();

  public static final Setting<String> ESTIMATE_SCORING =
      Setting.builder(Section.ESTIMATE, "scoring", String.class)
          .setDefault("ensemble")
          .optConstraint(new Constraint.OneOf(List.of("ensemble", "ridge")))
          .optSurfaces(CLI, KFP)
          .setHelp("How sources are ranked from the subset estimates.")
          .build();

  public static final Setting<Integer> FINE_TUNE_EPOCHS = epochs(Section.FINE_TUNE);
  public static final Setting<Double> FINE_TUNE_LEARNING_RATE = learningRate(Section.FINE_TUNE);
  public static final Setting<Integer> FINE_TUNE_BATCH_SIZE =
      batchSize(Section.FINE_TUNE, "Examples per optimizer step.");
  public static final Setting<Integer> FINE_TUNE_EVAL_BATCH_SIZE = evalBatchSize(Section.FINE_TUNE);
  public static final Setting<Boolean> FINE_TUNE_RECOMPUTE = recompute(Section.FINE_TUNE);
  public static final Setting<Long> FINE_TUNE_MAX_STEPS = maxSteps(Section.FINE_TUNE);
  public static final Setting<String> FINE_TUNE_BATCHING = batching(Section.FINE_TUNE);

  /** One intra-op thread: what measured fastest on a shared machine (BENCHMARKS.md). */
  public static final Setting<Integer> RUNTIME_THREADS =
      Setting.builder(Section.RUNTIME, "threads", Integer.class)
          .setDefault(1)
          .optConstraint(AT_LEAST_0)
          .optSurfaces(CLI, RUN_YAML)
          .optSoft()
          .setHelp("Intra-op threads of the PyTorch engine; 0 = PyTorch's default, one per core.")
          .build();

  public static final Setting<Integer> RUNTIME_INTEROP_THREADS =
      Setting.builder(Section.RUNTIME, "interopThreads", Integer.class)
          .setDefault(1)
          .optConstraint(AT_LEAST_0)
          .optSurfaces(CLI, RUN_YAML)
          .optSoft()
          .setHelp("Inter-op threads of the PyTorch engine; 0 = PyTorch's default.")
          .build();

  /** Two fixed points (target alone, best single source) and three sampled subsets. */
  public static final Setting<Integer> FIDELITY_SUBSETS =
      Setting.builder(Section.FIDELITY, "subsets", Integer.class)
          .setDefault(5)
          .optConstraint(AT_LEAST_0)
          .optSurfaces(RUN_YAML)
          .setHelp(
              "Subsets fine-tuned for real to check the estimates (besides the selection); 0 ="
                  + " off.")
          .build();

  private static final List<Setting<?>> ALL =
      List.of(
          SEED,
          DATA_MAX_SEQ_LENGTH,
          DATA_TRUNCATE,
          DATA_APPEND_EOS,
          LORA_RANK,
          LORA_ALPHA,
          TRAIN_EPOCHS,
          TRAIN_LEARNING_RATE,
          TRAIN_BATCH_SIZE,
          TRAIN_EVAL_BATCH_SIZE,
          TRAIN_RECOMPUTE,
          TRAIN_MAX_STEPS,
          TRAIN_BATCHING,
          GRADIENTS_DIM,
          GRADIENTS_PROJECTOR_SEED,
          GRADIENTS_BATCH_SIZE,
          ESTIMATE_SUBSETS,
          ESTIMATE_ALPHA,
          ESTIMATE_MODE,
          ESTIMATE_LAMBDA,
          ESTIMATE_NORM_CAP,
          ESTIMATE_SELECT,
          ESTIMATE_SCORING,
          FINE_TUNE_EPOCHS,
          FINE_TUNE_LEARNING_RATE,
          FINE_TUNE_BATCH_SIZE,
          FINE_TUNE_EVAL_BATCH_SIZE,
          FINE_TUNE_RECOMPUTE,
          FINE_TUNE_MAX_STEPS,
          FINE_TUNE_BATCHING,
          RUNTIME_THREADS,
          RUNTIME_INTEROP_THREADS,
          FIDELITY_SUBSETS);

  /** Every setting, in documentation order. */
  public static List<Setting<?>> all() {
    return ALL;
  }

  /** The settings a front-end takes. */
  public static List<Setting<?>> on(Surface surface) {
    return ALL.stream().filter(s -> s.surfaces().contains(surface)).toList();
  }

  private static Setting<Integer> epochs(Section s) {
    return Setting.builder(s, "epochs", Integer.class)
        .setDefault(3)
        .optConstraint(AT_LEAST_1)
        .setHelp("Passes over the training data (unless maxSteps is set).")
        .build();
  }

  private static Setting<Double> learningRate(Section s) {
    return Setting.builder(s, "learningRate", Double.class)
        .setDefault(1e-3)
        .optConstraint(POSITIVE)
        .setHelp("Peak learning rate.")
        .build();
  }

  private static Setting<Integer> batchSize(Section s, String help) {
    return Setting.builder(s, "batchSize", Integer.class)
        .setDefault(16)
        .optConstraint(AT_LEAST_1)
        .setHelp(help)
        .build();
  }

  private static Setting<Integer> evalBatchSize(Section s) {
    return Setting.builder(s, "evalBatchSize", Integer.class)
        .setDefault(0)
        .optConstraint(AT_LEAST_0)
        .setHelp(
            "Examples per evaluation batch (validation during and after training, test): lower it"
                + " to lower evaluation memory. 0 = batchSize.")
        .build();
  }

  private static Setting<Boolean> recompute(Section s) {
    return Setting.builder(s, "recompute", Boolean.class)
        .setDefault(false)
        .setHelp(
            "Recompute each layer in the backward pass instead of keeping its activations: a"
                + " decoder trains in about a tenth of the memory per token (SmolLM2, batch 16 x 64:"
                + " 0.35 vs 3.4 MB) for one more forward pass, with the same gradients.")
        .build();
  }

  private static Setting<Long> maxSteps(Section s) {
    return Setting.builder(s, "maxSteps", Long.class)
        .setDefault(0L)
        .optConstraint(AT_LEAST_0)
        .setHelp(
            "Optimizer-step budget; passes over the data repeat until it is spent and epochs is"
                + " ignored. 0 = off, train epochs epochs.")
        .build();
  }

  private static Setting<String> batching(Section s) {
    return Setting.builder(s, "batching", String.class)
        .setDefault("random")
        .optConstraint(BATCHING)
        .setHelp(
            "random (a seeded shuffle) or by-length (similar lengths batched together, less"
                + " padding).")
        .build();
  }
}
