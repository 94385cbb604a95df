package dev.gradex.core.store;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One split of an opened store: offsets, task indices and token counts on the heap, features
 * mapped, ids read on first use.
 */
final class SplitData implements AutoCloseable {
  final Split split;
  final int size;
  final float[] offsets;
  final int[] tasks;
  final int[] tokens;
  final FeatureMapping features;
  private final Path idsFile;
  private volatile List<String> ids;

  SplitData(
      Split split, float[] offsets, int[] tasks, int[] tokens, FeatureMapping features, Path ids) {
    this.split = split;
    this.size = offsets.length;
    this.offsets = offsets;
    this.tasks = tasks;
    this.tokens = tokens;
    this.features = features;
    this.idsFile = ids;
  }

  List<String> ids() {
    List<String> result = ids;
    if (result == null) {
      try {
        result = List.copyOf(Files.readAllLines(idsFile, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + idsFile, e);
      }
      if (result.size() != size) {
        throw new InvalidInputException(
            split.idsFile(), result.size() + " ids for " + size + " examples");
      }
      ids = result;
    }
    return result;
  }

  @Override
  public void close() {
    features.close();
  }
}
