/**
 * The {@code gradex model} command line ({@code info}, {@code forward}, {@code eval}, bench) and
 * the base of the two LoRA components' command lines, which also log to MLflow through the tracking
 * library. The only package here that prints.
 */
package dev.gradex.model.cli;
