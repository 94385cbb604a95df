/**
 * {@code gradex bench paper}: the evidence suite of issue 19. Runs each benchmark problem through
 * the product's own local pipeline and measures fidelity, cost, quality, noise detection and
 * sensitivity, writing paper.json, tables.md and PNG plots.
 */
package dev.gradex.cli.bench.paper;
