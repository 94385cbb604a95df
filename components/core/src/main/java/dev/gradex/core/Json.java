package dev.gradex.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one home of Jackson mappers. Each is configured here once and is thread-safe from then on:
 * callers use them as they are and never reconfigure them (derive a {@link ObjectMapper#copy()} for
 * a one-off configuration).
 */
public final class Json {
  /** JSON with Jackson's defaults: compact output, unknown properties ignored on read. */
  public static final ObjectMapper JSON = new ObjectMapper();

  /** JSON written with Jackson's default pretty printer (two-space indent). */
  public static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * YAML with Jackson's defaults (documents start with {@code ---}), read as plain data only
   * ({@link SafeYaml}: no tags, no aliases, a code-point limit).
   */
  public static final ObjectMapper YAML = new ObjectMapper(SafeYaml.factory());

  /**
   * YAML for configuration files people write by hand: an unknown (e.g. misspelt) key is refused
   * instead of ignored; read as {@link #YAML} is.
   */
  public static final ObjectMapper STRICT_YAML =
      new ObjectMapper(SafeYaml.factory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}
}
