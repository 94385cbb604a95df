/**
 * Task data for GradEx (Li, Zhang, Wang, Zhang, arXiv 2409.19458): JSONL records ({@code
 * prompt}/{@code completion} or {@code text}/{@code label}) read into {@link
 * dev.gradex.model.data.Example}s, encoded so that only target tokens are supervised, and padded
 * into batches.
 */
package dev.gradex.model.data;
