package dev.gradex.model.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Trainer} pushed through the model in this process (a resumed run counts from its
 * resume), timed over forward, backward and optimizer steps only (evaluation and checkpoints
 * excluded).
 *
 * @param examples training examples processed
 * @param inputTokens input tokens (prompt and completion, or the classifier's text) without
 *     padding: the work the data asks for
 * @param paddedTokens input tokens after padding each micro-batch to its longest example: the work
 *     the model did
 * @param supervisedTokens tokens the loss is taken over (completion tokens of a decoder; one per
 *     example for a classifier)
 * @param seconds wall-clock seconds of those steps
 */
public record Throughput(
    long examples, long inputTokens, long paddedTokens, long supervisedTokens, double seconds) {
  /** Nothing processed yet. */
  public static final Throughput NONE = new Throughput(0, 0, 0, 0, 0);

  /** This plus one micro-batch. */
  Throughput plus(long examples, long input, long padded, long supervised, double secs) {
    return new Throughput(
        this.examples + examples,
        inputTokens + input,
        paddedTokens + padded,
        supervisedTokens + supervised,
        seconds + secs);
  }

  /** Real (unpadded) input tokens per second. */
  public double realTokensPerSecond() {
    return rate(inputTokens);
  }

  /** Padded input tokens per second. */
  public double paddedTokensPerSecond() {
    return rate(paddedTokens);
  }

  /** Examples per second. */
  public double examplesPerSecond() {
    return rate(examples);
  }

  /** Padded over real input tokens: 1 without padding; the cost padding multiplies the work by. */
  public double paddingRatio() {
    return inputTokens == 0 ? Double.NaN : (double) paddedTokens / inputTokens;
  }

  /**
   * The figures as a stage's throughput metrics (MLflow only, never metrics.json or a manifest:
   * they vary from run to run): {@code train_supervised_tokens} always; {@code
   * train_examples_per_s}, {@code train_input_tokens_per_s}, {@code train_padded_tokens_per_s},
   * {@code train_padding_ratio} and {@code train_seconds} when this process trained at all (a run
   * resumed after its last step did not).
   */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (seconds > 0 && inputTokens > 0) {
      m.put("train_examples_per_s", examplesPerSecond());
      m.put("train_input_tokens_per_s", realTokensPerSecond());
      m.put("train_padded_tokens_per_s", paddedTokensPerSecond());
      m.put("train_padding_ratio", paddingRatio());
      m.put("train_seconds", seconds);
    }
    m.put("train_supervised_tokens", (double) supervisedTokens);
    return m;
  }

  private double rate(long n) {
    return seconds > 0 ? n / seconds : Double.NaN;
  }
}
