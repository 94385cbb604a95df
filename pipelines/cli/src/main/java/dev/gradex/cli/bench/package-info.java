/**
 * Benchmarks behind {@code gradex bench ...}: each times real work on generated problems and prints
 * one JSON object of figures, so results are reproducible and scriptable.
 */
package dev.gradex.cli.bench;
