package dev.gradex.baselines;

/**
 * One source's baseline score.
 *
 * @param source the source name, as in the run's {@code sources.yaml}
 * @param score the method's score; higher is preferred
 */
public record SourceScore(String source, double score) {}
