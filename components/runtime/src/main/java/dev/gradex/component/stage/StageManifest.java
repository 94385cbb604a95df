package dev.gradex.component.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
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
 * The {@code manifest.json} a stage's output directory carries, written last (fsynced, temporary
 * file then rename) so that its presence means the output is complete: the stage's kind, the format
 * version, the content key, the inputs the key was computed over, the stage's typed result record,
 * the SHA-256 of each listed file, and the code version (docs/architecture.md#stage-manifests).
 * Like the gradient store's typed {@code StoreManifest}, it is read back into records, never by
 * string.
 *
 * @param <R> the stage's result record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageManifest<R>(
    String kind,
    int formatVersion,
    String key,
    JsonNode inputs,
    R results,
    Map<String, String> files,
    String codeVersion) {
  public static final String FILE = "manifest.json";

  /**
   * The format this code writes and reads. Version 1 held untyped results (camelCase for
   * meta-train); outputs written with it are computed again rather than reused.
   */
  public static final int FORMAT_VERSION = 2;

  private static final int UNTYPED_VERSION = 1;

  public StageManifest {
    files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(files);
  }

  /** What a key is the digest of. */
  private record Keyed(Object inputs, String codeVersion) {}

  /** SHA-256 over the canonical JSON of {@code inputs} (a record or map) and the code version. */
  public static String key(Object inputs) {
    try {
      return Sha256.of(
          Json.JSON
              .writeValueAsString(new Keyed(inputs, Version.get()))
              .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a stage's inputs", e);
    }
  }

  /**
   * Writes the manifest into {@code target.dir()} with the SHA-256 of each of its files (call it
   * after every other output is in place).
   */
  public static <R> StageManifest<R> write(
      Stage.ManifestTarget target, String kind, String key, R results) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String f : target.files()) {
      digests.put(f, Sha256.of(target.dir().resolve(f)));
    }
    StageManifest<R> m =
        new StageManifest<>(
            kind,
            FORMAT_VERSION,
            key,
            Json.JSON.valueToTree(target.inputs()),
            results,
            digests,
            Version.get());
    try {
      AtomicFiles.writeString(target.dir().resolve(FILE), Json.PRETTY.writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the manifest of " + target.dir(), e);
    }
    return m;
  }

  /**
   * The manifest in {@code dir} with its results as {@code type}.
   *
   * @throws InvalidInputException naming the file when it is missing, unreadable, of an unknown
   *     format version or its results do not fit {@code type}
   */
  public static <R> StageManifest<R> read(Path dir, Class<R> type) {
    Path file = dir.resolve(FILE);
    JsonNode m;
    try {
      m = Json.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    checkVersion(file, m, true);
    return parse(file, m, type);
  }

  /**
   * The typed results recorded in {@code dir} by a complete run of this {@code kind} and {@code
   * key} that lists each of {@code files} with the SHA-256 the file has now; empty when there is
   * none, it is of another kind or key, unreadable (e.g. cut short), or of the untyped version 1.
   *
   * @throws InvalidInputException naming the file when its format version is one this code does not
   *     know (written by a newer GradEx)
   */
  public static <R> Optional<R> completed(
      Path dir, String kind, String key, List<String> files, Class<R> type) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode m;
    try {
      m = Json.JSON.readTree(file.toFile());
    } catch (IOException e) {
      return Optional.empty();
    }
    if (m == null || !m.isObject() || !checkVersion(file, m, false)) {
      return Optional.empty();
    }
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
    try {
      return Optional.ofNullable(parse(file, m, type).results());
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }

  /** True for this version; false for the untyped version 1 unless {@code strict}; else throws. */
  private static boolean checkVersion(Path file, JsonNode m, boolean strict) {
    int version = m.path("formatVersion").asInt(-1);
    if (version == FORMAT_VERSION) {
      return true;
    }
    if (version == UNTYPED_VERSION && !strict) {
      return false;
    }
    throw new InvalidInputException(
        file.toString(),
        "formatVersion "
            + m.path("formatVersion")
            + " is not "
            + FORMAT_VERSION
            + ", the stage manifest format this GradEx reads"
            + (version == UNTYPED_VERSION
                ? " (version 1 was written by an older GradEx; run that stage again)"
                : ""));
  }

  private static <R> StageManifest<R> parse(Path file, JsonNode m, Class<R> type) {
    try {
      R results = Json.JSON.treeToValue(m.path("results"), type);
      Map<String, String> files = new LinkedHashMap<>();
      m.path("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
      return new StageManifest<>(
          m.path("kind").asText(),
          m.path("formatVersion").asInt(),
          m.path("key").asText(),
          m.path("inputs"),
          results,
          files,
          m.path("codeVersion").asText());
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException(
          file.toString(), "results are not a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
