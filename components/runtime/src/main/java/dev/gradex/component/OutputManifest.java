package dev.gradex.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.core.Sha256;
import dev.gradex.core.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code manifest.json} every component writes last into its output directory
 * (docs/architecture.md#component-manifests): kind, format version, a content key over its inputs'
 * digests and effective configuration, the configuration itself, its results and the code version.
 * A step whose output already carries a manifest of the same kind and key does nothing (idempotent,
 * safe to retry).
 */
public final class OutputManifest {
  public static final String FILE = "manifest.json";
  private static final ObjectMapper JSON = Json.PRETTY;

  private OutputManifest() {}

  /** SHA-256 over the canonical JSON of {@code inputs} and the code version. */
  public static String key(Map<String, ?> inputs) {
    Map<String, Object> all = new LinkedHashMap<>(inputs);
    all.put("codeVersion", Version.get());
    try {
      return Sha256.of(Json.JSON.writeValueAsString(all).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The results recorded by a complete earlier run with this kind and key, if there is one. */
  public static Optional<JsonNode> completed(Path dir, String kind, String key) {
    return completed(dir, kind, key, List.of());
  }

  /**
   * Like {@link #completed(Path, String, String)}, and the manifest must also list each of {@code
   * files} (relative to {@code dir}) with the SHA-256 the file has now; so an output written before
   * a file was added to it, or with a file changed since, does not count as complete.
   */
  public static Optional<JsonNode> completed(
      Path dir, String kind, String key, List<String> files) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode m = JSON.readTree(file.toFile());
      if (!kind.equals(m.path("kind").asText()) || !key.equals(m.path("key").asText())) {
        return Optional.empty();
      }
      for (String f : files) {
        String digest = m.path("files").path(f).asText("");
        Path p = dir.resolve(f);
        if (digest.isEmpty() || !Files.isRegularFile(p) || !digest.equals(Sha256.of(p))) {
          return Optional.empty();
        }
      }
      return Optional.of(m.path("results"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the manifest (atomically; call it after every other output is in place). */
  public static void write(
      Path dir, String kind, String key, Map<String, ?> inputs, Map<String, ?> results) {
    write(dir, kind, key, inputs, results, List.of());
  }

  /** Writes the manifest listing {@code files} (relative to {@code dir}) with their SHA-256. */
  public static void write(
      Path dir,
      String kind,
      String key,
      Map<String, ?> inputs,
      Map<String, ?> results,
      List<String> files) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("formatVersion", 1);
    m.put("key", key);
    m.put("inputs", inputs);
    m.put("results", results);
    if (!files.isEmpty()) {
      Map<String, String> digests = new LinkedHashMap<>();
      for (String f : files) {
        digests.put(f, Sha256.of(dir.resolve(f)));
      }
      m.put("files", digests);
    }
    m.put("codeVersion", Version.get());
    try {
      AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
