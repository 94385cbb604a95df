package dev.gradex.core.projection;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Sha256;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered trainable parameters whose gradients are projected (Li et al., arXiv 2409.19458,
 * stage 2). A flattened gradient is the concatenation of each block's row-major values in this
 * order. The {@link #hash()} goes into every store manifest so that shards and stores built for
 * different parameters are never mixed.
 *
 * @param blocks the tensors, in order; names unique
 */
public record ParameterLayout(List<ParameterBlock> blocks) {
  public ParameterLayout {
    if (blocks == null || blocks.isEmpty()) {
      throw new InvalidInputException("parameterLayout: blocks", "needs at least one block");
    }
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i) == null) {
        throw new InvalidInputException("parameterLayout: blocks", "block [" + i + "] is null");
      }
    }
    blocks = List.copyOf(blocks);
    Set<String> names = new HashSet<>();
    for (ParameterBlock b : blocks) {
      if (!names.add(b.name())) {
        throw new InvalidInputException("parameterLayout: " + b.name(), "duplicate block name");
      }
    }
  }

  /** Convenience factory. */
  public static ParameterLayout of(ParameterBlock... blocks) {
    return new ParameterLayout(List.of(blocks));
  }

  /** Total number of scalar parameters p. */
  public long parameterCount() {
    long n = 0;
    for (ParameterBlock b : blocks) {
      n = Math.addExact(n, b.numel());
    }
    return n;
  }

  /** Index of the block named {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Lowercase hex SHA-256 of the canonical text: one line {@code name TAB dim0,dim1,... LF} per
   * block, in order, UTF-8.
   */
  public String hash() {
    StringBuilder text = new StringBuilder();
    for (ParameterBlock b : blocks) {
      text.append(b.name()).append('\t');
      for (int i = 0; i < b.shape().size(); i++) {
        text.append(i == 0 ? "" : ",").append(b.shape().get(i));
      }
      text.append('\n');
    }
    return Sha256.of(text.toString());
  }
}
