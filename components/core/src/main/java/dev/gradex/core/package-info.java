/**
 * GradEx core: the pure-Java (no DJL) half of the method of Li, Zhang, Wang and Zhang, "Scalable
 * Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach" (Findings of EMNLP
 * 2024, arXiv 2409.19458), stages 2 (store and projection) to 4 (sampling, scoring, selection).
 *
 * <p>Allowed package dependencies (no cycles; checked by {@code PackageRulesTest} in tests/): this
 * root package (atomic files, digests, CSV, JSON mappers, errors) depends on no subpackage; {@code
 * linalg} on nothing in GradEx; {@code projection}, {@code fidelity} and {@code subsets} on nothing
 * but this root package; {@code store} on {@code projection}; {@code estimate} on {@code store} and
 * {@code linalg}; {@code scoring} on {@code linalg}; {@code cluster} on {@code store} at most;
 * {@code selection} on {@code scoring} (rankings and subset losses); {@code synth} on {@code store}
 * and {@code projection}. No package of the core depends on DJL, picocli, the tracking library, the
 * component runtime or the model library.
 */
package dev.gradex.core;
