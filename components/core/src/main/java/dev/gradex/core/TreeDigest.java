package dev.gradex.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 of a directory tree's content: over the sorted relative paths of its regular files and
 * each file's own SHA-256, so it changes exactly when a file is added, removed, renamed or edited.
 * Used as the digest of model and adapter directories in manifests.
 */
public final class TreeDigest {
  private TreeDigest() {}

  /**
   * {@code sha256:<hex>} of {@code dir}'s files (hidden files and directories excluded). Symbolic
   * links are followed, {@code dir} itself included: a linked model directory has its target's
   * digest, not the digest of no files.
   */
  public static String of(Path dir) {
    try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      List<Path> files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !dir.relativize(p).toString().startsWith("."))
              .sorted()
              .toList();
      StringBuilder sb = new StringBuilder();
      for (Path f : files) {
        sb.append(dir.relativize(f).toString().replace('\\', '/'))
            .append('\t')
            .append(Sha256.of(f))
            .append('\n');
      }
      return "sha256:" + Sha256.of(sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }
}
