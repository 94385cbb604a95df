package dev.gradex.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * A trainable tensor under its Hugging Face PEFT name, e.g. {@code
 * base_model.model.transformer.h.0.attn.c_attn.lora_A.weight}. The order and shapes of a model's
 * trainable parameters define the layout that GradEx's random projection is aligned to.
 */
public record NamedParameter(String name, Parameter parameter) {
  /** The parameter's shape. */
  public Shape shape() {
    return parameter.getArray().getShape();
  }
}
