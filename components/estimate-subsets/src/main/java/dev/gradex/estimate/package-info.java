/**
 * The estimate-subsets component (ALGORITHM.md stages 3 and 4, CPU only): reads a gradient store,
 * samples subsets of source tasks, estimates the fine-tuned target loss of each with a first-order
 * estimator, scores the tasks, applies a selection rule and writes subsets.csv, scores.csv,
 * selection.json and a manifest. Idempotent and resumable. Depends on gradex-core only; this
 * module's image carries no PyTorch natives.
 */
package dev.gradex.estimate;
