package dev.gradex.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one home of atomic writes: content goes to a temporary file in the same directory, is forced
 * to disk, atomically renamed over the target, and the directory is forced so the rename itself
 * survives a crash. A reader never sees a partial file; a failed write leaves no temporary file.
 */
public final class AtomicFiles {
  private static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /** Writes a file's content to a stream (the stream is closed by {@link AtomicFiles}). */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code text} as UTF-8 to {@code target} atomically. */
  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  /**
   * Streams {@code content} to {@code target} atomically: temporary file, fsync, rename, fsync of
   * the directory. On failure the target keeps its old content and the temporary file is deleted.
   */
  public static void write(Path target, Content content) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName(), ".part");
      try {
        readableByAll(tmp);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
          content.writeTo(out);
        }
        commit(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * Publishes a finished temporary file: forces its content to disk, renames it over {@code target}
   * and forces the directory. For writers that stream several temporary files and publish them
   * together (the gradient store's splits).
   */
  public static void commit(Path tmp, Path target) throws IOException {
    force(tmp);
    move(tmp, target);
    forceDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Renames a finished temporary directory (or file) to {@code target} and forces the parent
   * directory, so the rename is durable. The content must already be forced (a committed store,
   * files written by {@link #write}).
   */
  public static void publishTree(Path tmp, Path target) throws IOException {
    move(tmp, target);
    forceDirectory(target.toAbsolutePath().getParent());
  }

  /** Flushes {@code file}'s content to the storage device. */
  public static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /**
   * Flushes a directory's entries (a rename in it) to the storage device. Best effort: some
   * platforms cannot open a directory for reading, where the rename is as durable as it gets.
   */
  public static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not supported on this platform (e.g. Windows): nothing more can be done
    }
  }

  /** Temporary files are created owner-only; results should carry the usual rw-r--r--. */
  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** Renames {@code from} to {@code to} atomically where the file system allows it. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A temporary sibling of {@code target} owned by this process, e.g. for a directory tree. */
  public static Path tempSibling(Path target) {
    Path abs = target.toAbsolutePath();
    return abs.resolveSibling(
        TEMP_PREFIX + abs.getFileName() + "-" + ProcessHandle.current().pid());
  }

  /**
   * Deletes {@code dir} and everything under it (a file is deleted alone); nothing if it does not
   * exist. Used to drop temporary trees and stale outputs before they are written anew.
   */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
