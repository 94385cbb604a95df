package dev.gradex.tracking;

/**
 * One point of a metric series: a value at a step (e.g. the training loss after optimizer step 12).
 *
 * @param key metric name
 * @param value its value
 * @param step the step it belongs to
 */
public record MetricPoint(String key, double value, long step) {}
