package dev.gradex.kfp.gradex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the image digests a release pins into the compiled pipeline: either from a build tree,
 * where Jib wrote {@code components/<component>/target/jib-image.digest} for each image it built
 * ({@code mvn -Pimages package}), or from a file of {@code <component>=sha256:<hex>} lines ({@code
 * #} comments and blank lines ignored).
 */
public final class ImageDigests {
  /** Where Jib writes an image module's digest, relative to the repository root. */
  public static final String JIB_DIGEST = "components/%s/target/jib-image.digest";

  private ImageDigests() {}

  /** Component to digest; components without a digest file are absent. */
  public static Map<String, String> read(Path path) {
    return Files.isDirectory(path) ? fromBuildTree(path) : fromFile(path);
  }

  private static Map<String, String> fromBuildTree(Path root) {
    Map<String, String> out = new TreeMap<>();
    for (String c : ImageNames.COMPONENTS) {
      Path f = root.resolve(String.format(JIB_DIGEST, c));
      if (Files.isRegularFile(f)) {
        out.put(c, text(f).strip());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "no image digests under "
              + root
              + " (expected "
              + String.format(JIB_DIGEST, "<component>")
              + "; build with -Pimages)");
    }
    return out;
  }

  private static Map<String, String> fromFile(Path file) {
    Map<String, String> out = new TreeMap<>();
    int n = 0;
    for (String line : text(file).split("\n")) {
      n++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            file + ":" + n + ": expected <component>=sha256:<hex>, got '" + l + "'");
      }
      out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
    }
    return out;
  }

  private static String text(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image digests from " + f, e);
    }
  }
}
