package dev.gradex.core.progress;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a long step reports while it runs. Domain values the core does not know (evaluation results,
 * store manifests) travel as plain numbers and strings; whoever needs more takes it from the
 * stage's result.
 */
public sealed interface ProgressEvent {
  /**
   * A stage starts: stage {@code index} of the {@code total} the run plans (both 0 for a step
   * within a stage, e.g. one fidelity subset, that has no position of its own).
   */
  record StageStarted(int index, int total, String name) implements ProgressEvent {
    public StageStarted {
      Objects.requireNonNull(name, "name");
    }

    /** A step within a stage, without a position in the run. */
    public static StageStarted step(String name) {
      return new StageStarted(0, 0, name);
    }

    /** Whether this has a position in the run ({@code index > 0}). */
    public boolean positioned() {
      return index > 0;
    }
  }

  /** A stage ended; {@code summary}: whether it was reused, its remark and its metrics. */
  record StageDone(String name, String summary) implements ProgressEvent {}

  /** A named phase within a stage begins (e.g. "per-task statistics over 4 tasks"). */
  record Phase(String name) implements ProgressEvent {}

  /**
   * Counted work begins: {@code total} units of {@code work}, of which {@code alreadyDone} were
   * finished by an earlier run ({@code resumed} then true) and are not redone.
   */
  record WorkStarted(Work work, long total, long alreadyDone, boolean resumed)
      implements ProgressEvent {}

  /**
   * Counted work advanced to {@code done} of {@code total} units (cumulative, including units an
   * earlier run finished), with the supervised tokens per second so far when known.
   */
  record WorkAdvanced(Work work, long done, long total, OptionalDouble tokensPerSecond)
      implements ProgressEvent {}

  /**
   * The counted work this process did is over: {@code units} computed (units an earlier run
   * finished are not counted), {@code tokens} supervised tokens, in {@code seconds}. Not emitted
   * when every unit was already done.
   */
  record WorkFinished(Work work, long units, long tokens, double seconds)
      implements ProgressEvent {}

  /**
   * After optimizer step {@code step} of {@code total}: the mean token loss over its micro-batches,
   * the learning rate, the gradient norm before clipping and the real (unpadded) input tokens per
   * second of this process's training so far.
   */
  record TrainingStep(
      long step,
      long total,
      int epoch,
      double loss,
      double learningRate,
      double gradNorm,
      double tokensPerSecond)
      implements ProgressEvent {}

  /**
   * Epoch {@code epoch} (0-based) was evaluated on the target validation split: {@code
   * validationLoss} NaN without validation, {@code best} whether it is the best epoch so far.
   */
  record EpochEvaluated(int epoch, double trainLoss, double validationLoss, boolean best)
      implements ProgressEvent {
    /** Whether a validation loss was measured. */
    public boolean validated() {
      return !Double.isNaN(validationLoss);
    }

    /** {@code train loss 0.1234, target validation loss 0.2345 (best)}, as the printers show it. */
    public String losses() {
      return String.format(
          "train loss %.4f, target validation loss %s%s",
          trainLoss,
          validated() ? String.format("%.4f", validationLoss) : "-",
          best ? " (best)" : "");
    }
  }

  /** A training checkpoint at optimizer step {@code step} was written to {@code file}. */
  record CheckpointWritten(long step, Path file) implements ProgressEvent {}

  /**
   * Chunk {@code chunk} (0-based) of {@code chunks} was committed to disk: a safe point to resume.
   */
  record ChunkCommitted(int chunk, int chunks) implements ProgressEvent {}

  /**
   * A batch produced a non-finite output or gradient and was computed again (once); {@code
   * firstExampleId} is its first example. Nothing non-finite is ever written.
   */
  record BatchRecomputed(String firstExampleId) implements ProgressEvent {}

  /**
   * Before any compute: {@code truncated} of the {@code examples} are longer than {@code maxLength}
   * tokens and are cut to it.
   */
  record Truncated(int truncated, int examples, int maxLength) implements ProgressEvent {}

  /** A non-fatal note for the user. */
  record Warning(String message) implements ProgressEvent {}

  /** {@code what} (e.g. "gradient store") is complete; {@code summary} says what it holds. */
  record Completed(String what, String summary) implements ProgressEvent {}
}
