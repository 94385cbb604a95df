/**
 * GradEx core: the pure-Java (no DJL) half of the method of Li, Zhang, Wang and Zhang, "Scalable
 * Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach" (Findings of EMNLP
 * 2024, arXiv 2409.19458), stages 2 (store and projection) to 4 (sampling, scoring, selection).
 *
 * <p>Allowed package dependencies (no cycles): {@code projection} and {@code fidelity} depend on
 * nothing but this root package; {@code store} on {@code projection}; {@code estimate} on {@code
 * store}; {@code scoring}, {@code subsets} and {@code cluster} on {@code store} at most; {@code
 * selection} on {@code scoring} (rankings and subset losses); {@code synth} on {@code store} and
 * {@code projection}.
 */
package dev.gradex.core;
