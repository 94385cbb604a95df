package dev.gradex.tracking;

/**
 * One point of a metric series: a value at a step (e.g. the training loss after optimizer step 12),
 * stamped with when the step happened.
 *
 * @param key metric name
 * @param value its value
 * @param step the step it belongs to
 * @param timestampMillis when the step happened (epoch milliseconds), or 0 when unknown: the
 *     tracker then stamps the point with the time it is logged
 */
public record MetricPoint(String key, double value, long step, long timestampMillis) {
  /** A point whose time is unknown (stamped when logged). */
  public MetricPoint(String key, double value, long step) {
    this(key, value, step, 0);
  }
}
