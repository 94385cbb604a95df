package dev.gradex.model;

import ai.djl.ndarray.NDArray;

/**
 * A fully trained linear layer (a PEFT {@code modules_to_save} head such as BERT's classifier) seen
 * by the per-example gradient code of Li et al., arXiv 2409.19458 (stage 2): in capture mode it
 * keeps its input and adds a zero output probe whose gradient is dL/dy, exactly as {@link
 * dev.gradex.model.lora.LoraAdapter} does for LoRA layers.
 */
public interface ProbedLinear {
  /** The trainable weight's PEFT name, {@code base_model.model.<module>.weight}. */
  String weightName();

  /** The trainable bias's PEFT name, or null without a bias. */
  String biasName();

  /** Whether the weight is stored (in, out) as GPT-2's Conv1D (else (out, in)). */
  boolean conv1d();

  /** Switches capture mode. */
  void setCapture(boolean on);

  /** The input (..., in) of the last forward pass in capture mode. */
  NDArray capturedInput();

  /** The zero probe (..., out) added to the output of the last forward pass in capture mode. */
  NDArray outputProbe();
}
