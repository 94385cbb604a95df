package dev.gradex.tracking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an effective configuration (nested maps and lists) into MLflow parameters. */
public final class Params {
  private Params() {}

  /**
   * Flattens nested maps into dotted keys and lists into {@code key.0}, {@code key.1}, ...; other
   * values become their {@code toString()}, {@code null} becomes {@code "null"}. Order is kept.
   */
  public static Map<String, String> flatten(Map<String, ?> config) {
    Map<String, String> out = new LinkedHashMap<>();
    config.forEach((k, v) -> put(out, k, v));
    return out;
  }

  private static void put(Map<String, String> out, String key, Object value) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> put(out, key + "." + k, v));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        put(out, key + "." + i, list.get(i));
      }
    } else {
      out.put(key, String.valueOf(value));
    }
  }
}
