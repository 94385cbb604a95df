package dev.gradex.core.store;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Sha256;
import dev.gradex.core.store.StoreManifest.MergedShard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Merges the shards of a fanned-out gradient extraction (stage 2 of Li et al., arXiv 2409.19458)
 * into one complete store. Every shard is opened with full verification and must agree on
 * everything that determines the meaning of a feature (format, d, projector, parameter layout,
 * input digests, tasks). The result is written to a temporary directory beside the output and
 * renamed into place, so a failed merge leaves nothing that looks like a store; re-running a merge
 * whose output already exists from the same shards returns the existing manifest.
 */
public final class StoreMerger {
  private StoreMerger() {}

  /**
   * @param shardDirs the shard stores, in any order
   * @param out the merged store's directory; must be absent or empty
   * @return the merged store's manifest
   */
  public static StoreManifest merge(List<Path> shardDirs, Path out) {
    if (shardDirs == null || shardDirs.isEmpty()) {
      throw new InvalidInputException("shards", "no shard directories given");
    }
    List<GradientStore> shards = new ArrayList<>();
    try {
      for (Path dir : shardDirs) {
        shards.add(GradientStore.open(dir));
      }
      GradientStore[] ordered = checkCompatible(shards);
      List<MergedShard> mergedFrom = mergedFrom(ordered);
      if (StoreIo.isNonEmptyDirectory(out)) {
        return existing(out, mergedFrom);
      }
      return write(ordered, mergedFrom, out);
    } finally {
      shards.forEach(GradientStore::close);
    }
  }

  static GradientStore[] checkCompatible(List<GradientStore> shards) {
    StoreManifest first = shards.get(0).manifest();
    for (GradientStore s : shards) {
      StoreManifest m = s.manifest();
      same(s, first, m, "formatVersion", StoreManifest::formatVersion);
      same(s, first, m, "dim", StoreManifest::dim);
      same(s, first, m, "projector.kind", x -> x.projector().kind());
      same(s, first, m, "projector.seed", x -> x.projector().seed());
      same(s, first, m, "parameterLayout.hash", x -> x.parameterLayout().hash());
      same(s, first, m, "digests", StoreManifest::digests);
      same(s, first, m, "adapterNorm", StoreManifest::adapterNorm);
      same(s, first, m, "targetTask", StoreManifest::targetTask);
      same(s, first, m, "tasks", StoreManifest::taskNames);
      same(s, first, m, "shard.count", x -> x.shard().count());
    }
    int count = first.shard().count();
    GradientStore[] byIndex = new GradientStore[count];
    for (GradientStore s : shards) {
      int index = s.manifest().shard().index();
      if (byIndex[index] != null) {
        throw new InvalidInputException(
            "shard.index",
            "shard "
                + index
                + " given twice: "
                + byIndex[index].directory()
                + " and "
                + s.directory());
      }
      byIndex[index] = s;
    }
    for (int i = 0; i < count; i++) {
      if (byIndex[i] == null) {
        throw new InvalidInputException(
            "shard.index", "shard " + i + " of " + count + " is missing from " + shardList(shards));
      }
    }
    return byIndex;
  }

  private static void same(
      GradientStore shard,
      StoreManifest first,
      StoreManifest m,
      String field,
      Function<StoreManifest, Object> get) {
    Object a = get.apply(first);
    Object b = get.apply(m);
    if (!Objects.equals(a, b)) {
      throw new InvalidInputException(
          field,
          "shards disagree: " + a + " in the first shard but " + b + " in " + shard.directory());
    }
  }

  private static String shardList(List<GradientStore> shards) {
    return Arrays.toString(shards.stream().map(GradientStore::directory).toArray());
  }

  static List<MergedShard> mergedFrom(GradientStore[] ordered) {
    List<MergedShard> list = new ArrayList<>();
    for (GradientStore s : ordered) {
      byte[] manifest;
      try {
        manifest = Files.readAllBytes(s.directory().resolve(StoreManifest.FILE));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read manifest of " + s.directory(), e);
      }
      long examples = s.size(Split.TRAIN) + (long) s.size(Split.VALIDATION);
      list.add(new MergedShard(s.manifest().shard().index(), examples, Sha256.of(manifest)));
    }
    return list;
  }

  /** A retried merge finds its own earlier output: accept it only if built from these shards. */
  static StoreManifest existing(Path out, List<MergedShard> mergedFrom) {
    if (Files.isRegularFile(out.resolve(StoreManifest.FILE))) {
      StoreManifest m = ManifestJson.read(out);
      if (mergedFrom.equals(m.mergedFrom())) {
        return m;
      }
    }
    throw new InvalidInputException(
        out.toString(), "output exists and is not a merge of these shards; remove it first");
  }

  private static StoreManifest write(GradientStore[] shards, List<MergedShard> from, Path out) {
    StoreManifest m = shards[0].manifest();
    GradientStoreWriterBuilder builder =
        GradientStoreWriter.builder()
            .setDim(m.dim())
            .setProjector(m.projector().kind(), m.projector().seed())
            .setLayout(m.parameterLayout().toLayout())
            .setTasks(m.taskNames())
            .optTargetTask(m.targetTask())
            .optDigests(m.digests())
            .optCodeVersion(m.codeVersion())
            .optMergedFrom(from);
    if (m.adapterNorm() != null) {
      builder.optAdapterNorm(m.adapterNorm());
    }
    return writeInto(
        out,
        builder,
        writer -> {
          for (Split split : Split.values()) {
            for (GradientStore s : shards) {
              copy(s, split, writer);
            }
          }
        });
  }

  /**
   * Writes a store into a temporary directory beside {@code out} with {@code fill}, commits it and
   * renames it to {@code out} (absent or empty), so a failure leaves nothing that looks like a
   * store.
   */
  static StoreManifest writeInto(
      Path out, GradientStoreWriterBuilder builder, Consumer<GradientStoreWriter> fill) {
    Path tmp = AtomicFiles.tempSibling(out);
    AtomicFiles.deleteTree(tmp);
    try (GradientStoreWriter writer = builder.setDirectory(tmp).build()) {
      fill.accept(writer);
      StoreManifest merged = writer.commit();
      if (Files.isDirectory(out)) {
        // empty but for its writer's lock (checked by the caller): the lock stays, the store's
        // files move in, the manifest last, so the store is complete once it has a manifest
        moveInto(tmp, out);
      } else {
        AtomicFiles.publishTree(tmp, out);
      }
      return merged;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move merged store to " + out, e);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /**
   * Moves every entry of {@code from} into the existing directory {@code to}, the manifest last.
   */
  private static void moveInto(Path from, Path to) throws IOException {
    List<Path> entries;
    try (var listing = Files.list(from)) {
      entries = new ArrayList<>(listing.toList());
    }
    entries.sort(
        (a, b) ->
            Boolean.compare(
                a.getFileName().toString().equals(StoreManifest.FILE),
                b.getFileName().toString().equals(StoreManifest.FILE)));
    for (Path e : entries) {
      Files.move(
          e, to.resolve(e.getFileName().toString()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  static void copy(GradientStore s, Split split, GradientStoreWriter writer) {
    copy(s, split, writer, t -> true);
  }

  /** Appends the rows of {@code split} whose task index passes {@code task}, in row order. */
  static void copy(GradientStore s, Split split, GradientStoreWriter writer, IntPredicate task) {
    float[] row = new float[s.dim()];
    List<String> ids = s.ids(split);
    List<String> tasks = s.taskNames();
    for (int i = 0; i < s.size(split); i++) {
      int t = s.taskIndex(split, i);
      if (!task.test(t)) {
        continue;
      }
      s.readRow(split, i, row, 0);
      writer.append(
          split,
          t < 0 ? null : tasks.get(t),
          ids.get(i),
          s.offset(split, i),
          s.tokens(split, i),
          row);
    }
  }
}
