package dev.gradex.component;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Where a pipeline run leaves what the next, incremental run reuses: the meta-trained adapter
 * theta* ({@code adapter/}) and the complete gradient store taken at it ({@code store/}), on a
 * volume every step that needs them mounts (the pipeline's cache PVC). The merge step publishes
 * both after a successful merge; an incremental run's meta-train step copies the adapter instead of
 * training, and its merge step extends the store. Each entry is replaced by copying beside it and
 * renaming, so a reader never sees half a directory.
 */
public final class ReuseDir {
  public static final String ADAPTER = "adapter";
  public static final String STORE = "store";

  private final Path dir;

  public ReuseDir(Path dir) {
    this.dir = dir;
  }

  /** The reuse directory named by a flag, or null when the flag is blank (reuse off). */
  public static ReuseDir of(String flag) {
    return flag == null || flag.isBlank() ? null : new ReuseDir(Path.of(flag.strip()));
  }

  public Path adapter() {
    return dir.resolve(ADAPTER);
  }

  public Path store() {
    return dir.resolve(STORE);
  }

  /** {@code entry} ({@link #ADAPTER} or {@link #STORE}), refusing a missing one by name. */
  public Path existing(String entry) {
    Path p = dir.resolve(entry);
    if (!Files.isRegularFile(p.resolve("manifest.json"))) {
      throw new InvalidInputException(
          p.toString(),
          "holds no "
              + entry
              + " of an earlier run (a full run with this reuse directory publishes one)");
    }
    return p;
  }

  /** Replaces {@code entry} with a copy of {@code source}. */
  public void publish(String entry, Path source) {
    long pid = ProcessHandle.current().pid();
    Path target = dir.resolve(entry);
    Path tmp = dir.resolve(".tmp-" + entry + "-" + pid);
    Path old = dir.resolve(".old-" + entry + "-" + pid);
    try {
      Files.createDirectories(dir);
      AtomicFiles.deleteTree(tmp);
      copyTree(source, tmp);
      if (Files.exists(target)) {
        AtomicFiles.move(target, old);
      }
      AtomicFiles.publishTree(tmp, target);
      AtomicFiles.deleteTree(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + source + " to " + target, e);
    }
  }

  /**
   * Copies the directory tree {@code from} to {@code to} (which must not exist), leaving out hidden
   * top-level entries (checkpoints, journals), as {@code TreeDigest} does.
   */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        String rel = from.relativize(p).toString();
        if (rel.startsWith(".")) {
          continue;
        }
        Path q = to.resolve(rel);
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
