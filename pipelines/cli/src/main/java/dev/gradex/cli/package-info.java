/**
 * The {@code gradex} command line: one picocli root command whose subcommands are the component
 * programs, the synthetic-store generator and the benchmarks. Only this front-end prints; the
 * libraries it calls emit events.
 */
package dev.gradex.cli;
