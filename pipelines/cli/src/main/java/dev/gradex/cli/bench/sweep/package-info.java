/**
 * Re-estimation of a finished run over estimator settings (lambda, the norm cap, sampling, rule):
 * what {@code gradex bench lambda} and {@code gradex bench paper} share.
 */
package dev.gradex.cli.bench.sweep;
