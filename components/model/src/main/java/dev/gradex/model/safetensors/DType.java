package dev.gradex.model.safetensors;

import java.util.Locale;
import java.util.Optional;

/** Element types of the safetensors format; only the float types convert to {@code float}. */
public enum DType {
  F64(8, false),
  F32(4, true),
  F16(2, true),
  BF16(2, true),
  I64(8, false),
  I32(4, false),
  I16(2, false),
  I8(1, false),
  U8(1, false),
  BOOL(1, false);

  private final int bytes;
  private final boolean floating;

  DType(int bytes, boolean floating) {
    this.bytes = bytes;
    this.floating = floating;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** Whether {@link SafeTensorsFile#readFloats} can convert this type. */
  public boolean convertibleToFloat() {
    return floating;
  }

  /** Parses a header dtype such as {@code "BF16"}. */
  public static Optional<DType> parse(String name) {
    try {
      return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
