package dev.gradex.tests;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Looks for planted secrets, in the forms a leak would take (raw, URL-encoded, and the base64 of
 * {@code user:password} a Basic header carries), in files (any bytes: SQLite, safetensors, logs)
 * and in texts (process output, REST answers).
 */
final class LeakScan {
  /** Form name to the bytes searched for. */
  private final Map<String, byte[]> needles = new LinkedHashMap<>();

  /**
   * @param secrets name of the credential variable to its planted value
   * @param basicPairs {@code user:password} pairs whose base64 is searched for too
   */
  LeakScan(Map<String, String> secrets, List<String> basicPairs) {
    secrets.forEach(
        (name, value) -> {
          add(name + " (raw)", value);
          add(name + " (URL-encoded)", URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    for (String pair : basicPairs) {
      add(
          "base64 of " + pair.substring(0, pair.indexOf(':')) + ":<password>",
          Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private void add(String form, String value) {
    needles.putIfAbsent(form, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every hit in the files under {@code root} (recursively), skipping {@code excluded} subtrees.
   */
  List<String> files(Path root, Set<Path> excluded) throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        if (excluded.stream().anyMatch(f::startsWith) || !Files.isRegularFile(f)) {
          continue;
        }
        hits.addAll(bytes(f.toString(), Files.readAllBytes(f)));
      }
    }
    return hits;
  }

  /** Every hit in {@code text}, named by {@code where}. */
  List<String> text(String where, String text) {
    return bytes(where, text.getBytes(StandardCharsets.UTF_8));
  }

  /** How many files were scanned under {@code root} (to show the scan saw something). */
  static long count(Path root, Set<Path> excluded) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .filter(f -> excluded.stream().noneMatch(f::startsWith))
          .count();
    }
  }

  private List<String> bytes(String where, byte[] hay) {
    List<String> hits = new ArrayList<>();
    needles.forEach(
        (form, needle) -> {
          if (indexOf(hay, needle) >= 0) {
            hits.add(form + " in " + where);
          }
        });
    return hits;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
