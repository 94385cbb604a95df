/**
 * Compiles a {@link dev.gradex.kfp.dsl.Pipeline} to KFP IR: a PipelineSpec (schema 2.1.0) plus the
 * {@code platforms} document, in the shape the official Python SDK writes (keys sorted, numbers as
 * protobuf doubles, the {@code # PIPELINE DEFINITION} header). Uses dsl and Jackson only.
 */
package dev.gradex.kfp.ir;
