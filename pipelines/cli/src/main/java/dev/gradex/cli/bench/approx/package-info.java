/**
 * The output-approximation error of a finished run (the paper's first fidelity measure): {@link
 * dev.gradex.cli.bench.approx.OutputApproximation} reads the run ({@link
 * dev.gradex.cli.bench.approx.ApproxRun}) and measures the first-order model along a fine-tuned and
 * a random direction; used by {@code gradex bench approx} and {@code gradex bench paper}.
 */
package dev.gradex.cli.bench.approx;
