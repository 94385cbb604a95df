package dev.gradex.watch;

import dev.gradex.core.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * State in a local JSON file, replaced atomically (for running the watcher outside a cluster).
 * Passes on one file exclude each other, across threads and processes, by an OS lock on the sibling
 * {@code <file>.lock} (kept, so that every pass locks the same file).
 */
public final class FileStateStore implements StateStore {
  private final Path file;

  public FileStateStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  @Override
  public <T> T exclusively(Pass<T> pass) throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    // The JVM lock first: an OS file lock is held by the process, not by a thread.
    return PassLocks.inThisJvm(
        describe(),
        () -> {
          try (FileChannel ch =
                  FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
              FileLock held = ch.lock()) {
            return pass.run();
          }
        });
  }

  @Override
  public Optional<WatchState> load() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(WatchState.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
  }

  @Override
  public void save(WatchState state) throws IOException {
    try {
      AtomicFiles.writeString(file, state.toJson());
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public String describe() {
    return "file " + file;
  }
}
