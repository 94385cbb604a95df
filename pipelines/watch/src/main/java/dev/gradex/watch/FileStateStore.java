package dev.gradex.watch;

import dev.gradex.core.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** State in a local JSON file, replaced atomically (for running the watcher outside a cluster). */
public final class FileStateStore implements StateStore {
  private final Path file;

  public FileStateStore(Path file) {
    this.file = file;
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
