/**
 * The GradEx pipeline for Kubeflow: {@link dev.gradex.kfp.gradex.GradexComponents} is the single
 * contract between the pipeline and the component programs (images, main classes, flags, inputs,
 * outputs, resources); {@link dev.gradex.kfp.gradex.GradexPipeline} wires them into the pipeline.
 * Uses {@code dev.gradex.kfp.dsl} only.
 */
package dev.gradex.kfp.gradex;
