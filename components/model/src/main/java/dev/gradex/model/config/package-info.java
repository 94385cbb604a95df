/**
 * Typed views of a Hugging Face {@code config.json} for the supported families (GPT-2, Llama
 * family, BERT family). An unknown {@code model_type} or a missing field is an error naming
 * config.json and the field. Depends only on Jackson and gradex-core.
 */
package dev.gradex.model.config;
