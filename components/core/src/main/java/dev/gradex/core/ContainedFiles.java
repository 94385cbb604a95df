package dev.gradex.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Files of an artifact directory (a gradient store, an adapter) that cannot lead outside it: a name
 * is one path element, and a symbolic link is refused rather than followed. GradEx writes only
 * regular files into its artifacts, so a link in one was planted; following it would read, and for
 * a reused adapter copy into a new artifact, a file from anywhere the step can read (a mounted
 * secret, a service-account token). docs/security.md.
 */
public final class ContainedFiles {
  private ContainedFiles() {}

  /**
   * {@code dir/name}, which the caller may then open; refused when {@code name} is not a single
   * file name or {@code dir/name} is a symbolic link. A missing file is not refused here.
   *
   * @param what the artifact, for the message (e.g. "gradient store")
   */
  public static Path file(Path dir, String name, String what) {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0
        || name.indexOf('\0') >= 0) {
      throw new InvalidInputException(
          dir.toString(), "'" + name + "' is not a file name inside the " + what);
    }
    Path p = dir.resolve(name);
    refuseLink(p, what);
    return p;
  }

  /** Refuses every symbolic link directly inside {@code dir} (a directory that must exist). */
  public static void requireNoLinks(Path dir, String what) {
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(p -> refuseLink(p, what));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void refuseLink(Path p, String what) {
    if (Files.isSymbolicLink(p)) {
      String target;
      try {
        target = Files.readSymbolicLink(p).toString();
      } catch (IOException e) {
        target = "?";
      }
      throw new InvalidInputException(
          p.toString(),
          "is a symbolic link (to "
              + target
              + "); "
              + article(what)
              + " "
              + what
              + " holds regular files only");
    }
  }

  private static String article(String what) {
    return "aeiou".indexOf(Character.toLowerCase(what.charAt(0))) >= 0 ? "an" : "a";
  }
}
