/**
 * Synthetic gradient stores with known ground truth, for tests, benchmarks and the demo. Depends on
 * the root package and {@code store}.
 */
package dev.gradex.core.synth;
