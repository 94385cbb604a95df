package dev.gradex.model.gradients;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.GradientStoreWriter;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The resumption journal of an extraction: one small gradient store per committed chunk under
 * {@code <output>/.chunks/}. A chunk counts as done only when its manifest exists (the core writer
 * writes it last), so a killed run redoes at most the chunk it was writing.
 */
final class ChunkStores {
  private final Path root;

  ChunkStores(Path output) {
    this.root = output.resolve(".chunks");
  }

  Path dir(int chunk) {
    return root.resolve(String.format("chunk-%06d", chunk));
  }

  /** Whether {@code chunk} was committed by an earlier run with the same inputs. */
  boolean done(int chunk, StoreManifest expected, List<String> tasks) {
    Path dir = dir(chunk);
    if (!Files.isRegularFile(dir.resolve(StoreManifest.FILE))) {
      AtomicFiles.deleteTree(dir); // partial: temps of a killed writer
      return false;
    }
    try (GradientStore s = GradientStore.open(dir, false)) {
      StoreManifest m = s.manifest();
      boolean same =
          m.dim() == expected.dim()
              && m.projector().equals(expected.projector())
              && m.parameterLayout().hash().equals(expected.parameterLayout().hash())
              && Objects.equals(m.digests(), expected.digests())
              && m.taskNames().equals(tasks)
              && m.shard().equals(new StoreManifest.Shard(chunk, expected.shard().count()));
      if (!same) {
        throw new InvalidInputException(
            dir.toString(),
            "was written by an extraction with other inputs (projection, layout, data or"
                + " chunking); delete "
                + root
                + " to start over");
      }
      return true;
    }
  }

  /** Appends every example of the chunk stores, in chunk order, to {@code writer}. */
  void copyAll(int chunks, GradientStoreWriter writer) {
    for (Split split : Split.values()) {
      for (int c = 0; c < chunks; c++) {
        try (GradientStore s = GradientStore.open(dir(c))) {
          copy(s, split, writer);
        }
      }
    }
  }

  private static void copy(GradientStore s, Split split, GradientStoreWriter writer) {
    float[] row = new float[s.dim()];
    List<String> ids = s.ids(split);
    List<String> tasks = s.taskNames();
    for (int i = 0; i < s.size(split); i++) {
      s.readRow(split, i, row, 0);
      int t = s.taskIndex(split, i);
      writer.append(
          split,
          t < 0 ? null : tasks.get(t),
          ids.get(i),
          s.offset(split, i),
          s.tokens(split, i),
          row);
    }
  }

  void deleteAll() {
    AtomicFiles.deleteTree(root);
  }
}
