/**
 * The quantities GradEx differentiates and trains on (Li, Zhang, Wang, Zhang, arXiv 2409.19458):
 * the per-token logit-odds of the gold token, the per-example output o(z), and the token
 * cross-entropy.
 */
package dev.gradex.model.objective;
