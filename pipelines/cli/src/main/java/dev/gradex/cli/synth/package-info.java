/**
 * What the commands that build a synthetic problem share ({@code gradex synth-store}, {@code gradex
 * bench estimate}): the mapping of the core's field errors to their flags. Depends on the core
 * only, so both the top-level commands and the benchmarks can use it without a package cycle.
 */
package dev.gradex.cli.synth;
