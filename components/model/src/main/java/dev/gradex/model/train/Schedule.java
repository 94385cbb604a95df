package dev.gradex.model.train;

/** Learning-rate schedules: linear warm-up from 0, then constant, linear or cosine decay to 0. */
public enum Schedule {
  CONSTANT,
  LINEAR,
  COSINE;

  /**
   * The rate at optimizer step {@code step} (0-based) of {@code total}.
   *
   * @param peak the rate after warm-up
   * @param warmup warm-up steps
   */
  public double rate(double peak, long step, long warmup, long total) {
    if (step < warmup) {
      return peak * (step + 1) / warmup;
    }
    double progress = total <= warmup ? 1 : (double) (step - warmup) / (total - warmup);
    return switch (this) {
      case CONSTANT -> peak;
      case LINEAR -> peak * Math.max(0, 1 - progress);
      case COSINE -> peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    };
  }
}
