package dev.gradex.model.gradients;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Digests of model and adapter directories for store manifests ({@link
 * ExtractionConfig#optDigests}): {@code sha256:} of the text "name TAB sha256 LF" over the
 * directory's {@code *.json} and {@code *.safetensors} files in name order, so the same files give
 * the same digest wherever they are.
 */
public final class InputDigests {
  private InputDigests() {}

  /** The digest of {@code dir}'s JSON and safetensors files. */
  public static String directory(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".safetensors"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new InvalidInputException(dir.toString(), "cannot list: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InvalidInputException(dir.toString(), "holds no .json or .safetensors files");
    }
    StringBuilder text = new StringBuilder();
    for (Path f : files) {
      text.append(f.getFileName()).append('\t').append(Sha256.of(f)).append('\n');
    }
    return "sha256:" + Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
