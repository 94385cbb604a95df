package dev.gradex.model.gguf;

import dev.gradex.core.InvalidInputException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key/value metadata of a GGUF file. Integers read as {@link Long} (unsigned 64-bit values
 * above {@code Long.MAX_VALUE} wrap), floats as {@link Double} (a float32 as its shortest decimal),
 * booleans, strings, and arrays as {@link List} of those. Getters name the file and key when a
 * required key is missing or has another type.
 */
public final class GgufMetadata {
  private final String file;
  private final Map<String, Object> values;

  GgufMetadata(String file, Map<String, Object> values) {
    this.file = file;
    this.values = Collections.unmodifiableMap(values);
  }

  /** The keys, in file order. */
  public Set<String> keys() {
    return values.keySet();
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The raw value (Long, Double, Boolean, String or List), or null. */
  public Object raw(String key) {
    return values.get(key);
  }

  public String string(String key) {
    return typed(key, String.class);
  }

  public String string(String key, String fallback) {
    return has(key) ? string(key) : fallback;
  }

  public long integer(String key) {
    return typed(key, Long.class);
  }

  public long integer(String key, long fallback) {
    return has(key) ? integer(key) : fallback;
  }

  /** A float value; an integer value is accepted too. */
  public double real(String key) {
    Object v = require(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw wrongType(key, "a number", v);
  }

  public double real(String key, double fallback) {
    return has(key) ? real(key) : fallback;
  }

  public boolean bool(String key, boolean fallback) {
    return has(key) ? typed(key, Boolean.class) : fallback;
  }

  /** An array value whose elements are all of {@code type}. */
  public <T> List<T> list(String key, Class<T> type) {
    List<?> list = typed(key, List.class);
    for (Object o : list) {
      if (!type.isInstance(o)) {
        throw wrongType(key, "an array of " + type.getSimpleName(), o);
      }
    }
    @SuppressWarnings("unchecked")
    List<T> typedList = (List<T>) list;
    return typedList;
  }

  private <T> T typed(String key, Class<T> type) {
    Object v = require(key);
    if (!type.isInstance(v)) {
      throw wrongType(key, type.getSimpleName(), v);
    }
    return type.cast(v);
  }

  private Object require(String key) {
    Object v = values.get(key);
    if (v == null) {
      throw new InvalidInputException(file, "GGUF metadata has no " + key);
    }
    return v;
  }

  private InvalidInputException wrongType(String key, String expected, Object actual) {
    return new InvalidInputException(
        file,
        "GGUF metadata "
            + key
            + " should be "
            + expected
            + ", is "
            + actual.getClass().getSimpleName());
  }
}
