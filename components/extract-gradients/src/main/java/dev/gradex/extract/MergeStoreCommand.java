package dev.gradex.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.ReuseDir;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.TreeDigest;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreExtender;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.core.store.StoreMerger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
      "--shards takes KFP's JSON of collected artifacts (uris under gs://, minio://, s3:// map to",
      "the launcher's /gcs, /minio, /s3 mounts) or local directories separated by commas.",
      "With --only-sources (or --previous-store) the shards hold new sources only and extend the",
      "previous store (--previous-store, else <reuse-dir>/store)."
    })
public final class MergeStoreCommand implements Callable<Integer> {
  @Option(names = "--shards", required = true, description = "Shard stores (see above).")
  String shards;

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
    List<Path> dirs = paths(shards);
    if (shardCount > 0 && dirs.size() != shardCount) {
      throw new InvalidInputException(
          "--shards", dirs.size() + " shard stores given but --shard-count is " + shardCount);
    }
    ReuseDir reuse = ReuseDir.of(reuseDir);
    Path previous = previous(reuse);
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
    return 0;
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

  /** Local directories from KFP's artifact-list JSON or a comma-separated list. */
  static List<Path> paths(String text) {
    String t = text.strip();
    List<Path> out = new ArrayList<>();
    if (!t.startsWith("[") && !t.startsWith("{")) {
      for (String p : t.split(",")) {
        if (!p.isBlank()) {
          out.add(Path.of(p.strip()));
        }
      }
      return out;
    }
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(t);
    } catch (IOException e) {
      throw new InvalidInputException("--shards", "not JSON: " + e.getMessage());
    }
    JsonNode list = node.isArray() ? node : node.path("artifacts");
    for (JsonNode a : list) {
      String path = a.path("path").asText("");
      out.add(Path.of(path.isEmpty() ? local(a.path("uri").asText("")) : path));
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("--shards", "no shard artifacts in " + t);
    }
    return out;
  }

  private static String local(String uri) {
    for (String[] m :
        new String[][] {{"gs://", "/gcs/"}, {"minio://", "/minio/"}, {"s3://", "/s3/"}}) {
      if (uri.startsWith(m[0])) {
        return m[1] + uri.substring(m[0].length());
      }
    }
    if (uri.startsWith("/")) {
      return uri;
    }
    throw new InvalidInputException("--shards", "artifact uri '" + uri + "' has no local mount");
  }
}
