package dev.gradex.core.store;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Sha256;
import dev.gradex.core.store.StoreManifest.MergedShard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Incremental reselection: extends a complete gradient store with the gradients of sources that
 * appeared since it was written, all taken at the same meta-initialisation theta* (stage 2 of Li et
 * al., arXiv 2409.19458, run for the new sources only). Per-example gradients at a fixed theta* do
 * not depend on the other examples, so the result holds what a full extraction would.
 *
 * <p>The additions are the shard stores of an extraction restricted to the new sources: they hold
 * only those tasks, no validation examples, and record the digests of every current input (all
 * sources, the target's splits, model, adapter). The previous store must agree on everything that
 * gives a feature its meaning (d, projector, parameter layout, model and adapter digests, adapter
 * norm) and on the data digest of every task it holds and of the validation examples: a source that
 * changed or disappeared since is refused by name, because its rows would be stale.
 *
 * <p>Tasks of the result: the previous store's sources in their order, then the new ones, then the
 * target task; rows follow the same order, validation rows are the previous store's. This is the
 * order of a full extraction whenever the new sources are listed after the existing ones. The
 * manifest's {@code mergedFrom} lists the previous store with index -1, then the addition shards.
 * The output is written beside {@code out} and renamed into place; a retried extension finds its
 * own earlier output and returns it.
 */
public final class StoreExtender {
  /** {@code mergedFrom} index that marks the previous store of an extension. */
  public static final int PREVIOUS = -1;

  private StoreExtender() {}

  /**
   * @param previous the complete store to extend
   * @param additions the shard stores of the new sources (any order; all K shards)
   * @param out the extended store's directory; must be absent or empty
   * @return the extended store's manifest
   */
  public static StoreManifest extend(Path previous, List<Path> additions, Path out) {
    if (additions == null || additions.isEmpty()) {
      throw new InvalidInputException("shards", "no shard directories of new sources given");
    }
    List<GradientStore> opened = new ArrayList<>();
    try (GradientStore prev = GradientStore.open(previous)) {
      for (Path dir : additions) {
        opened.add(GradientStore.open(dir));
      }
      GradientStore[] ordered = StoreMerger.checkCompatible(opened);
      checkPrevious(prev, ordered[0].manifest());
      List<MergedShard> from = new ArrayList<>();
      from.add(new MergedShard(PREVIOUS, examples(prev), manifestSha(prev)));
      from.addAll(StoreMerger.mergedFrom(ordered));
      if (StoreIo.isNonEmptyDirectory(out)) {
        return StoreMerger.existing(out, from);
      }
      return write(prev, ordered, from, out);
    } finally {
      opened.forEach(GradientStore::close);
    }
  }

  private static void checkPrevious(GradientStore prev, StoreManifest add) {
    StoreManifest p = prev.manifest();
    String where = "previous store " + prev.directory();
    if (p.shard().count() != 1 || p.targetTask() == null) {
      throw new InvalidInputException(where, "is not a complete store with a target task");
    }
    if (add.targetTask() != null || add.split(Split.VALIDATION).examples() != 0) {
      throw new InvalidInputException(
          "shards", "hold the target or validation examples; expected the new sources only");
    }
    same(where, "dim", p.dim(), add.dim());
    same(where, "projector", p.projector(), add.projector());
    same(where, "parameterLayout.hash", p.parameterLayout().hash(), add.parameterLayout().hash());
    same(where, "digests.model", p.digests().model(), add.digests().model());
    same(where, "digests.adapter (theta*)", p.digests().adapter(), add.digests().adapter());
    same(where, "adapterNorm", p.adapterNorm(), add.adapterNorm());
    Map<String, String> now = add.digests().data();
    for (Map.Entry<String, String> e : p.digests().data().entrySet()) {
      if (!now.containsKey(e.getKey())) {
        throw new InvalidInputException(
            e.getKey(), "is in the " + where + " but no longer a source; run a full extraction");
      }
      if (!now.get(e.getKey()).equals(e.getValue())) {
        throw new InvalidInputException(
            e.getKey(), "changed since the " + where + " was written; run a full extraction");
      }
    }
    Set<String> expected = new TreeSet<>(now.keySet());
    expected.removeAll(p.digests().data().keySet());
    Set<String> added = new TreeSet<>(add.taskNames());
    for (String t : added) {
      if (p.taskNames().contains(t)) {
        throw new InvalidInputException(t, "is already in the " + where);
      }
    }
    if (!added.equals(expected)) {
      throw new InvalidInputException(
          "shards",
          "hold the new sources "
              + added
              + " but the inputs' new sources are "
              + expected
              + "; extract exactly those");
    }
  }

  private static void same(String where, String field, Object previous, Object now) {
    if (!Objects.equals(previous, now)) {
      throw new InvalidInputException(
          field, "is " + previous + " in the " + where + " but " + now + " in the new shards");
    }
  }

  private static StoreManifest write(
      GradientStore prev, GradientStore[] additions, List<MergedShard> from, Path out) {
    StoreManifest p = prev.manifest();
    StoreManifest add = additions[0].manifest();
    int target = prev.targetTask();
    List<String> tasks = new ArrayList<>(p.taskNames());
    tasks.remove(p.targetTask());
    tasks.addAll(add.taskNames());
    tasks.add(p.targetTask());
    GradientStoreWriterBuilder builder =
        GradientStoreWriter.builder()
            .setDim(p.dim())
            .setProjector(p.projector().kind(), p.projector().seed())
            .setLayout(p.parameterLayout().toLayout())
            .setTasks(tasks)
            .optTargetTask(p.targetTask())
            .optDigests(add.digests())
            .optCodeVersion(add.codeVersion())
            .optMergedFrom(from);
    if (p.adapterNorm() != null) {
      builder.optAdapterNorm(p.adapterNorm());
    }
    return StoreMerger.writeInto(
        out,
        builder,
        writer -> {
          StoreMerger.copy(prev, Split.TRAIN, writer, t -> t != target);
          for (GradientStore s : additions) {
            StoreMerger.copy(s, Split.TRAIN, writer);
          }
          StoreMerger.copy(prev, Split.TRAIN, writer, t -> t == target);
          StoreMerger.copy(prev, Split.VALIDATION, writer);
        });
  }

  private static long examples(GradientStore s) {
    return s.size(Split.TRAIN) + (long) s.size(Split.VALIDATION);
  }

  private static String manifestSha(GradientStore s) {
    try {
      return Sha256.of(Files.readAllBytes(s.directory().resolve(StoreManifest.FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest of " + s.directory(), e);
    }
  }
}
