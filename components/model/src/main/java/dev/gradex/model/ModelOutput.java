package dev.gradex.model;

import ai.djl.ndarray.NDArray;

/**
 * What a forward pass returns. For a decoder: {@code hidden} is the final hidden state (B, T, H)
 * and {@code logits} the next-token logits (B, T, V). For an encoder: {@code hidden} is the last
 * hidden state (B, T, H) and {@code logits} the classification head's logits (B, labels).
 */
public record ModelOutput(NDArray hidden, NDArray logits) {}
