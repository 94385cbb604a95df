package dev.gradex.core.projection;

import dev.gradex.core.InvalidInputException;
import java.util.List;

/**
 * One trainable tensor (e.g. a LoRA A or B matrix) in a {@link ParameterLayout}: its name and
 * shape. Each of its {@link #numel()} scalar parameters is one row of the projection matrix.
 *
 * @param name the tensor's stable name (e.g. its Hugging Face / PEFT name); non-empty
 * @param shape dimensions, each > 0
 */
public record ParameterBlock(String name, List<Long> shape) {
  /** Rows above this would not fit in the projector's 48-bit row counter. */
  static final long MAX_NUMEL = 1L << 48;

  public ParameterBlock {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("parameterLayout: name", "block name must be non-empty");
    }
    if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
      throw new InvalidInputException(
          "parameterLayout: " + name, "block name must not contain tabs or line breaks");
    }
    if (shape == null || shape.isEmpty()) {
      throw new InvalidInputException("parameterLayout: " + name, "shape must be non-empty");
    }
    shape = List.copyOf(shape);
    long n = 1;
    for (Long dim : shape) {
      if (dim == null || dim <= 0) {
        throw new InvalidInputException(
            "parameterLayout: " + name, "dimensions must be > 0, got " + shape);
      }
      if (n > MAX_NUMEL / dim) {
        throw new InvalidInputException(
            "parameterLayout: " + name, "more than 2^48 parameters in one block: " + shape);
      }
      n *= dim;
    }
  }

  /** Convenience factory from primitive dimensions. */
  public static ParameterBlock of(String name, long... shape) {
    return new ParameterBlock(name, java.util.Arrays.stream(shape).boxed().toList());
  }

  /** Number of scalar parameters (product of the shape). */
  public long numel() {
    long n = 1;
    for (long dim : shape) {
      n *= dim;
    }
    return n;
  }
}
