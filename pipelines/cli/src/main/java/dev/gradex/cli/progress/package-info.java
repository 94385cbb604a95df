/**
 * The printer of a local run's progress, shared by {@code gradex run}, the demo and the benchmarks.
 */
package dev.gradex.cli.progress;
