package dev.gradex.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.gradex.core.ContainedFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@link StoreManifest} as deterministic, pretty-printed JSON. */
final class ManifestJson {
  private static final ObjectMapper MAPPER = Json.JSON;
  // Fixed "\n" line breaks: the platform default would make manifests differ across machines.
  private static final ObjectWriter WRITER =
      MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private ManifestJson() {}

  static byte[] toBytes(StoreManifest manifest) {
    try {
      String json = WRITER.writeValueAsString(manifest) + "\n";
      return json.getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest not serialisable", e);
    }
  }

  static StoreManifest read(Path dir) {
    Path file = ContainedFiles.file(dir, StoreManifest.FILE, "gradient store");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          StoreManifest.FILE, "missing in " + dir + ": not a gradient store, or an incomplete one");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      // The whole file is one manifest object: trailing bytes or a bare null are refused.
      StoreManifest m =
          MAPPER
              .readerFor(StoreManifest.class)
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readValue(bytes);
      if (m == null) {
        throw new InvalidInputException(StoreManifest.FILE, "is null, not a manifest object");
      }
      return m;
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof InvalidInputException bad) {
          throw new InvalidInputException(
              StoreManifest.FILE + ": " + bad.subject(), bad.getMessage(), e);
        }
      }
      throw new InvalidInputException(
          StoreManifest.FILE,
          "unparsable JSON in " + file + ": " + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }
}
