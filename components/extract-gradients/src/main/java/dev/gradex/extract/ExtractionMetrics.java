package dev.gradex.extract;

import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.progress.Work;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passes extraction events on to the user's listener and keeps, from the events, what the tracking
 * run logs about stage 2 (Li, Zhang, Wang, Zhang, arXiv 2409.19458): gradient throughput (examples
 * and supervised tokens per second of the batched per-example gradient pass) and batches computed
 * twice.
 */
public final class ExtractionMetrics implements ProgressListener {
  private final ProgressListener delegate;
  private long examples;
  private long tokens;
  private double seconds;
  private long recomputed;
  private Integer truncated;
  private boolean started;

  /** Passes every event on to {@code delegate}. */
  public ExtractionMetrics(ProgressListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void on(ProgressEvent event) {
    if (event instanceof ProgressEvent.WorkStarted w && w.work() == Work.EXAMPLES) {
      started = true;
    } else if (event instanceof ProgressEvent.BatchRecomputed) {
      recomputed++;
    } else if (event instanceof ProgressEvent.Truncated t) {
      truncated = t.truncated();
    } else if (event instanceof ProgressEvent.WorkFinished f && f.work() == Work.EXAMPLES) {
      examples = f.units();
      tokens = f.tokens();
      seconds = f.seconds();
    }
    delegate.on(event);
  }

  /** False when the store was complete already and this process computed nothing. */
  public boolean started() {
    return started;
  }

  /**
   * This process's pass, for the stage's throughput part (tracking only, as it varies from run to
   * run): {@code gradient_examples_computed}, {@code gradient_seconds}, {@code
   * gradient_examples_per_s}, {@code gradient_supervised_tokens_per_s} (absent if nothing was
   * computed, e.g. a complete store was reused), {@code gradient_batches_recomputed} and, when
   * truncation is on, {@code truncated_examples} (examples cut to the sequence limit).
   */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (examples > 0 && seconds > 0) {
      m.put("gradient_examples_computed", (double) examples);
      m.put("gradient_seconds", seconds);
      m.put("gradient_examples_per_s", examples / seconds);
      m.put("gradient_supervised_tokens_per_s", tokens / seconds);
    }
    m.put("gradient_batches_recomputed", (double) recomputed);
    if (truncated != null) {
      m.put("truncated_examples", truncated.doubleValue());
    }
    return m;
  }
}
