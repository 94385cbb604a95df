package dev.gradex.extract;

import dev.gradex.component.KfpExecutorInput;
import dev.gradex.component.KfpExecutorOutput;
import dev.gradex.component.KfpOptions;
import dev.gradex.component.ReuseDir;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.OutputLock;
import dev.gradex.core.TreeDigest;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreExtender;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.core.store.StoreMerger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The merge step after the sharded extraction: merges the shard stores into one, refusing shards
 * that disagree (the core's {@link StoreMerger} names the field). In incremental reselection the
 * shards hold only the new sources and extend the previous store ({@link StoreExtender}, which
 * refuses a changed or removed source). With a reuse directory, the merged store and the adapter it
 * was taken at are published there for the next incremental run.
 */
@Command(
    name = "merge-stores",
    mixinStandardHelpOptions = true,
    description = {
      "Merges gradient-store shards into one store.",
      "Under KFP the shards are the input artifacts 'shards' of --kfp-executor-input (the",
      "launcher's local copies of the collected stores); elsewhere --shards lists them.",
      "With --only-sources (or --previous-store) the shards hold new sources only and extend the",
      "previous store (--previous-store, else <reuse-dir>/store)."
    })
public final class MergeStoreCommand implements Callable<Integer> {
  /** The component's output artifacts (GradexComponents.mergeStores). */
  static final List<String> OUTPUTS = List.of("store");

  @Option(
      names = "--shards",
      description = "Shard store directories separated by commas (outside KFP).")
  String shards = "";

  @Mixin KfpOptions kfp = new KfpOptions();

  @Option(names = "--shard-count", description = "Expected number of shards (0 = any).")
  int shardCount;

  @Option(names = "--store-out", required = true, description = "Merged store directory.")
  Path storeOut;

  @Option(names = "--source-digests", description = "Digests of the source data (provenance).")
  String sourceDigests = "";

  @Option(
      names = "--only-sources",
      description = "Comma-separated new sources the shards hold (incremental); empty = full.")
  String onlySources = "";

  @Option(names = "--previous-store", description = "Store to extend with the shards.")
  String previousStore = "";

  @Option(
      names = "--reuse-dir",
      description =
          "Directory kept between runs (a mounted volume): the previous store is read from"
              + " <dir>/store, and the merged store and --adapter are published to <dir>/store and"
              + " <dir>/adapter; empty = off.")
  String reuseDir = "";

  @Option(names = "--adapter", description = "The adapter (theta*) the shards were taken at.")
  Path adapter;

  @Override
  public Integer call() {
    Optional<KfpExecutorInput> kfpInput = kfp.require(OUTPUTS);
    List<Path> dirs = shards(kfpInput);
    if (shardCount > 0 && dirs.size() != shardCount) {
      throw new InvalidInputException(
          "--shards", dirs.size() + " shard stores given but --shard-count is " + shardCount);
    }
    ReuseDir reuse = ReuseDir.of(reuseDir);
    Path previous = previous(reuse);
    // one writer per --store-out: a second merge into it is refused before it writes
    try (OutputLock lock = OutputLock.acquire(storeOut)) {
      return merge(kfpInput, dirs, reuse, previous);
    }
  }

  private int merge(
      Optional<KfpExecutorInput> kfpInput, List<Path> dirs, ReuseDir reuse, Path previous) {
    StoreManifest m;
    if (previous == null) {
      m = StoreMerger.merge(dirs, storeOut);
    } else {
      m = StoreExtender.extend(previous, dirs, storeOut);
      checkNewSources(m, previous);
    }
    System.err.printf(
        "gradex: %s %d shards into %s (%d training examples; source digests %s)%n",
        previous == null ? "merged" : "extended " + previous + " with",
        dirs.size(),
        storeOut,
        m.split(Split.TRAIN).examples(),
        sourceDigests);
    if (reuse != null) {
      publish(reuse, m);
    }
    kfpInput.ifPresent(in -> KfpExecutorOutput.write(in, Map.of("store", storeMetadata(m))));
    return 0;
  }

  /** What the KFP UI shows of a store. */
  static Map<String, Object> storeMetadata(StoreManifest m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("examples", m.split(Split.TRAIN).examples());
    out.put("validation_examples", m.split(Split.VALIDATION).examples());
    out.put("dim", m.dim());
    return out;
  }

  /** The shard directories: from the executor input under KFP, else from {@code --shards}. */
  private List<Path> shards(Optional<KfpExecutorInput> kfpInput) {
    boolean listed = !shards.isBlank();
    if (listed == kfpInput.isPresent()) {
      throw new InvalidInputException(
          "--shards",
          listed
              ? "is for runs outside KFP; with --kfp-executor-input the shards are its input"
                  + " artifacts 'shards'"
              : "is required (or --kfp-executor-input with input artifacts 'shards')");
    }
    return listed ? paths(shards) : kfpInput.get().inputPaths("shards");
  }

  /** The store to extend: explicit, else the reuse directory's when incremental; else none. */
  private Path previous(ReuseDir reuse) {
    if (!previousStore.isBlank()) {
      return Path.of(previousStore.strip());
    }
    if (ExtractGradientsCommand.names(onlySources).isEmpty()) {
      return null;
    }
    if (reuse == null) {
      throw new InvalidInputException(
          "--only-sources", "an incremental merge needs --previous-store or --reuse-dir");
    }
    return reuse.existing(ReuseDir.STORE);
  }

  private void checkNewSources(StoreManifest merged, Path previous) {
    var only = ExtractGradientsCommand.names(onlySources);
    if (only.isEmpty()) {
      return;
    }
    try (GradientStore prev = GradientStore.open(previous, false)) {
      var added = new java.util.TreeSet<>(merged.taskNames());
      added.removeAll(prev.taskNames());
      if (!added.equals(only)) {
        throw new InvalidInputException("--only-sources", only + " but the shards added " + added);
      }
    }
  }

  /** The merged store and its adapter become the reuse directory's pair. */
  private void publish(ReuseDir reuse, StoreManifest m) {
    if (adapter == null) {
      throw new InvalidInputException("--adapter", "is required with --reuse-dir");
    }
    String digest = TreeDigest.of(adapter);
    if (!digest.equals(m.digests().adapter())) {
      throw new InvalidInputException(
          "--adapter", digest + " is not the adapter of the store (" + m.digests().adapter() + ")");
    }
    reuse.publish(ReuseDir.STORE, storeOut);
    reuse.publish(ReuseDir.ADAPTER, adapter);
    System.err.println("gradex: published the store and its adapter to " + reuse);
  }

  /** Directories separated by commas, blanks dropped. */
  static List<Path> paths(String list) {
    List<Path> out = new ArrayList<>();
    for (String p : list.split(",")) {
      if (!p.isBlank()) {
        out.add(Path.of(p.strip()));
      }
    }
    return out;
  }
}
