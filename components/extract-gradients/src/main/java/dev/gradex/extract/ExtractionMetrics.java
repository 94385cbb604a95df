package dev.gradex.extract;

import dev.gradex.core.store.StoreManifest;
import dev.gradex.model.gradients.ExtractionListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passes extraction events on to the user's listener and keeps what the tracking run logs about
 * stage 2 (Li, Zhang, Wang, Zhang, arXiv 2409.19458): gradient throughput (examples and supervised
 * tokens per second of the batched per-example gradient pass) and batches computed twice.
 */
public final class ExtractionMetrics implements ExtractionListener {
  private final ExtractionListener delegate;
  private long examples;
  private long tokens;
  private double seconds;
  private long recomputed;
  private Integer truncated;
  private boolean started;

  /** Passes every event on to {@code delegate}. */
  public ExtractionMetrics(ExtractionListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void started(long examples, int chunks, int chunksAlreadyDone) {
    started = true;
    delegate.started(examples, chunks, chunksAlreadyDone);
  }

  @Override
  public void batch(long examplesDone, long examples, long tokens, double seconds) {
    delegate.batch(examplesDone, examples, tokens, seconds);
  }

  @Override
  public void recomputed(String firstId) {
    recomputed++;
    delegate.recomputed(firstId);
  }

  @Override
  public void truncated(int truncated, int examples, int maxLength) {
    this.truncated = truncated;
    delegate.truncated(truncated, examples, maxLength);
  }

  @Override
  public void chunkDone(int chunk, int chunks) {
    delegate.chunkDone(chunk, chunks);
  }

  @Override
  public void throughput(long examples, long tokens, double seconds) {
    this.examples = examples;
    this.tokens = tokens;
    this.seconds = seconds;
    delegate.throughput(examples, tokens, seconds);
  }

  @Override
  public void completed(StoreManifest manifest) {
    delegate.completed(manifest);
  }

  /** False when the store was complete already and this process computed nothing. */
  public boolean started() {
    return started;
  }

  /**
   * This process's pass, for the stage's throughput part (tracking only, as it varies from run to
   * run): {@code gradient_examples_computed}, {@code gradient_seconds}, {@code
   * gradient_examples_per_s}, {@code gradient_tokens_per_s} (absent if nothing was computed, e.g. a
   * complete store was reused), {@code gradient_batches_recomputed} and, when truncation is on,
   * {@code truncated_examples} (examples cut to the sequence limit).
   */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (examples > 0 && seconds > 0) {
      m.put("gradient_examples_computed", (double) examples);
      m.put("gradient_seconds", seconds);
      m.put("gradient_examples_per_s", examples / seconds);
      m.put("gradient_tokens_per_s", tokens / seconds);
    }
    m.put("gradient_batches_recomputed", (double) recomputed);
    if (truncated != null) {
      m.put("truncated_examples", truncated.doubleValue());
    }
    return m;
  }
}
