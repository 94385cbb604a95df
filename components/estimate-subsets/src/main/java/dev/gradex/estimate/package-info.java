/**
 * The estimate-subsets component (stages 3 and 4 of Li et al., arXiv 2409.19458, CPU only;
 * docs/method.md#stage-3-estimating-fs-on-cpu): reads a gradient store, samples subsets of source
 * tasks, estimates the fine-tuned target loss of each with a first-order estimator, scores the
 * tasks, applies a selection rule and writes subsets.csv, scores.csv, selection.json and a
 * manifest. Idempotent and resumable. Depends on gradex-core only; this module's image carries no
 * PyTorch natives.
 */
package dev.gradex.estimate;
