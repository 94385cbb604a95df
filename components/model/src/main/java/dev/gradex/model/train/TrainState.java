package dev.gradex.model.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The loop position and bookkeeping saved in a checkpoint, beside weights and optimizer moments.
 * The shuffle of epoch e is a pure function of (seed, e), so (epoch, microBatch) is the whole RNG
 * state.
 */
final class TrainState {
  String plan;
  int epoch;
  int microBatch;
  long step;

  /**
   * AdamW's own update count and skipped steps ({@link AdamW#steps()}, {@link
   * AdamW#skippedSteps()}): {@code step} counts loop iterations, and a step skipped for a
   * non-finite gradient is one of those but no update, so the bias correction needs this count. -1
   * in checkpoints written before it was saved (then {@code step} is used, as those did).
   */
  long optimizerSteps = -1;

  long skippedSteps;
  int bestEpoch = -1;
  double bestLoss = Double.NaN;
  List<Double> validationLosses = new ArrayList<>();

  /** The curves so far, saved with the weights so that a resume neither loses nor repeats rows. */
  List<TrainingCurves.Step> steps = new ArrayList<>();

  List<TrainingCurves.Epoch> epochs = new ArrayList<>();
  double epochLossSum;
  long epochTokens;
}
