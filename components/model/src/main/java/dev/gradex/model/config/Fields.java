package dev.gradex.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.InvalidInputException;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Typed access to config.json fields; a missing or mistyped field is named in the error. */
record Fields(Path file, JsonNode root) {

  String string(String name) {
    JsonNode n = root.get(name);
    if (n == null || !n.isTextual()) {
      throw missing(name, "a string");
    }
    return n.asText();
  }

  String string(String name, String dflt) {
    return root.has(name) ? string(name) : dflt;
  }

  int integer(String name) {
    JsonNode n = root.get(name);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
      throw missing(name, "an integer");
    }
    return n.asInt();
  }

  int integer(String name, int dflt) {
    JsonNode n = root.get(name);
    return n == null || n.isNull() ? dflt : integer(name);
  }

  double decimal(String name, double dflt) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isNumber()) {
      throw missing(name, "a number");
    }
    return n.asDouble();
  }

  boolean bool(String name, boolean dflt) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isBoolean()) {
      throw missing(name, "a boolean");
    }
    return n.asBoolean();
  }

  /**
   * A token id that Hugging Face allows as an integer or a list of integers (the first is taken);
   * empty if absent, null or an empty list.
   */
  OptionalLong tokenId(String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return OptionalLong.empty();
    }
    if (n.isArray()) {
      if (n.isEmpty()) {
        return OptionalLong.empty();
      }
      n = n.get(0);
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw missing(name, "an integer, a list of integers or null");
    }
    return OptionalLong.of(n.asLong());
  }

  private InvalidInputException missing(String name, String what) {
    return new InvalidInputException(file.toString(), "field '" + name + "' must be " + what);
  }
}
