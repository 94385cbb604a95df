package dev.gradex.model.config;

import java.util.OptionalLong;

/** Argument checks shared by the config records; messages name the config.json field. */
final class ConfigChecks {
  private ConfigChecks() {}

  static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  static void divisible(String field, int value, String byField, int by) {
    positive(field, value);
    positive(byField, by);
    if (value % by != 0) {
      throw new IllegalArgumentException(
          field + " (" + value + ") must be divisible by " + byField + " (" + by + ")");
    }
  }

  /** A token id, if present, must index the vocabulary (the embedding has {@code vocab} rows). */
  static void inVocabulary(String field, OptionalLong id, int vocab) {
    if (id.isPresent() && (id.getAsLong() < 0 || id.getAsLong() >= vocab)) {
      throw new IllegalArgumentException(
          field + " " + id.getAsLong() + " is outside the vocabulary [0, " + vocab + ")");
    }
  }
}
