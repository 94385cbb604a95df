package dev.gradex.model.train;

/** Training events, for progress bars and the tracking layer (MLflow metrics). */
public interface TrainingListener {
  /** Training (re)starts at optimizer step {@code step} of {@code totalSteps}. */
  default void started(long step, long totalSteps, boolean resumed) {}

  /**
   * After each optimizer step: mean token loss over its micro-batches, learning rate, gradient norm
   * before clipping and the training throughput so far: real (unpadded) input tokens per second of
   * this process's forward, backward and optimizer steps ({@link
   * Throughput#realTokensPerSecond()}).
   */
  default void step(
      long step,
      long totalSteps,
      int epoch,
      double loss,
      double lr,
      double gradNorm,
      double tokensPerSecond) {}

  /** After each epoch's evaluation on the target validation split (null without validation). */
  default void epoch(int epoch, double trainLoss, EvalResult validation, boolean best) {}

  /** A checkpoint was written. */
  default void checkpoint(long step, java.nio.file.Path file) {}
}
