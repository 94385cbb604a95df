/**
 * The {@code gradex model} command line ({@code info}, {@code forward}, {@code eval}, bench) and
 * the base of the two LoRA components' command lines, which also log to MLflow through the tracking
 * library. The only package here that prints. Only {@code LoraStageCommand} and {@code
 * TrainingMetrics} may use the tracking library and the component runtime (the measured exception
 * of {@code PackageRulesTest}); the rest depends on the model library alone.
 */
package dev.gradex.model.cli;
