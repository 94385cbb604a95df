package dev.gradex.watch;

import dev.gradex.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

/**
 * Digests a local file (SHA-256 of its bytes) or directory: SHA-256 of the {@code sha256sum}-style
 * listing {@code "<hex> <relative path>\n"} of its regular files sorted by path, so it can be
 * reproduced with {@code find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum}.
 */
public final class LocalDigester implements SourceDigester {
  @Override
  public String digest(String uri) throws IOException {
    return measure(uri).digest();
  }

  @Override
  public Measure measure(String uri) throws IOException {
    Path path = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
    if (Files.isRegularFile(path)) {
      return new Measure("sha256:" + fileHex(path), Files.size(path));
    }
    if (!Files.isDirectory(path)) {
      throw new IOException("source " + uri + " does not exist");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(path)) {
      files =
          walk.filter(Files::isRegularFile)
              .sorted((a, b) -> relative(path, a).compareTo(relative(path, b)))
              .toList();
    }
    MessageDigest listing = Sha256.newDigest();
    long bytes = 0;
    for (Path f : files) {
      String line = fileHex(f) + "  " + relative(path, f) + "\n";
      listing.update(line.getBytes(StandardCharsets.UTF_8));
      bytes += Files.size(f);
    }
    return new Measure("sha256:" + Sha256.hex(listing.digest()), bytes);
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static String fileHex(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Sha256.of(in);
    }
  }
}
