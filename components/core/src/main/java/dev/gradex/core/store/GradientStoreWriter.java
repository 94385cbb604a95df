package dev.gradex.core.store;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.store.StoreManifest.Digests;
import dev.gradex.core.store.StoreManifest.MergedShard;
import dev.gradex.core.store.StoreManifest.SplitInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams the stage-2 outputs of Li et al., arXiv 2409.19458 (projected gradient, offset b(z),
 * task, token count and id of each example) into a {@link GradientStore} directory. Data goes to
 * {@code .tmp-} files; {@link #commit()} renames them and writes {@code manifest.json} last,
 * atomically, so a crash never leaves a directory that looks like a complete store. {@link
 * #close()} without commit deletes everything written.
 */
public final class GradientStoreWriter implements AutoCloseable {
  private final GradientStoreWriterBuilder spec;
  private final Map<String, Integer> taskIndex = new HashMap<>();
  private final long[] trainPerTask;
  private final Map<Split, SplitSink> sinks = new EnumMap<>(Split.class);
  private final Map<Split, Set<String>> ids = new EnumMap<>(Split.class);
  private final List<Path> moved = new ArrayList<>();
  private boolean committed;
  private boolean closed;

  GradientStoreWriter(GradientStoreWriterBuilder spec) {
    this.spec = spec;
    for (int i = 0; i < spec.tasks.size(); i++) {
      taskIndex.put(spec.tasks.get(i), i);
    }
    this.trainPerTask = new long[spec.tasks.size()];
    try {
      Files.createDirectories(spec.directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + spec.directory, e);
    }
    for (Split split : Split.values()) {
      sinks.put(split, new SplitSink(spec.directory, split, spec.dim));
      ids.put(split, new HashSet<>());
    }
  }

  /** A builder; see {@link GradientStoreWriterBuilder} for required and optional fields. */
  public static GradientStoreWriterBuilder builder() {
    return new GradientStoreWriterBuilder();
  }

  /**
   * Appends one example.
   *
   * @param split where it belongs
   * @param task a declared task name; for {@link Split#VALIDATION} also null (no task)
   * @param id stable example id, unique within the split, non-empty, without CR/LF
   * @param offset b(z), finite
   * @param tokens number of supervised target tokens, >= 0
   * @param features gtilde(z), length dim, finite
   */
  public void append(
      Split split, String task, String id, float offset, int tokens, float[] features) {
    if (committed || closed) {
      throw new IllegalStateException("writer already " + (committed ? "committed" : "closed"));
    }
    int t = taskIndex(split, task);
    checkId(id);
    if (features == null || features.length != spec.dim) {
      throw new InvalidInputException(
          "features of " + id,
          "length " + (features == null ? "null" : features.length) + " != dim " + spec.dim);
    }
    for (int k = 0; k < features.length; k++) {
      if (!Float.isFinite(features[k])) {
        throw new InvalidInputException(
            "features of " + id, "column " + k + " is " + features[k] + "; must be finite");
      }
    }
    if (!Float.isFinite(offset)) {
      throw new InvalidInputException("offset of " + id, offset + " must be finite");
    }
    if (tokens < 0) {
      throw new InvalidInputException("tokens of " + id, tokens + " must be >= 0");
    }
    if (!ids.get(split).add(id)) {
      throw new InvalidInputException(id, "duplicate example id in split " + split.key());
    }
    sinks.get(split).write(features, offset, t, tokens, id);
    if (split == Split.TRAIN) {
      trainPerTask[t]++;
    }
  }

  private int taskIndex(Split split, String task) {
    if (task == null && split == Split.VALIDATION) {
      return -1;
    }
    Integer t = task == null ? null : taskIndex.get(task);
    if (t == null) {
      throw new InvalidInputException(
          String.valueOf(task), "unknown task; declared tasks are " + spec.tasks);
    }
    return t;
  }

  private static void checkId(String id) {
    if (id == null || id.isEmpty() || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
      throw new InvalidInputException(
          String.valueOf(id), "example id must be non-empty and free of line breaks");
    }
  }

  /** Examples appended so far to {@code split}. */
  public long size(Split split) {
    return sinks.get(split).examples();
  }

  /**
   * Validates, moves the data files into place and writes the manifest last.
   *
   * @return the written manifest
   */
  public StoreManifest commit() {
    if (committed || closed) {
      throw new IllegalStateException("writer already " + (committed ? "committed" : "closed"));
    }
    boolean complete = spec.shardCount == 1;
    for (int i = 0; i < trainPerTask.length; i++) {
      if (complete && trainPerTask[i] == 0) {
        throw new InvalidInputException(spec.tasks.get(i), "empty task: no training examples");
      }
    }
    Map<String, SplitInfo> splits = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      SplitSink sink = sinks.get(split);
      splits.put(split.key(), new SplitInfo(sink.examples(), sink.finish()));
    }
    StoreManifest manifest = manifest(splits);
    try {
      // Data must be durable before the manifest that vouches for it appears.
      for (SplitSink sink : sinks.values()) {
        moved.addAll(sink.moveIntoPlace());
      }
      AtomicFiles.write(spec.directory.resolve(StoreManifest.FILE), ManifestJson.toBytes(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit store in " + spec.directory, e);
    }
    committed = true;
    return manifest;
  }

  private StoreManifest manifest(Map<String, SplitInfo> splits) {
    List<StoreManifest.Task> tasks = new ArrayList<>();
    for (int i = 0; i < trainPerTask.length; i++) {
      tasks.add(new StoreManifest.Task(spec.tasks.get(i), trainPerTask[i]));
    }
    ParameterLayout layout = spec.layout;
    return new StoreManifest(
        StoreManifest.KIND,
        StoreManifest.FORMAT_VERSION,
        spec.dim,
        new StoreManifest.Projector(spec.projectorKind, spec.seed, spec.dim),
        StoreManifest.Layout.of(layout),
        spec.adapterNorm,
        spec.digests == null ? Digests.none() : spec.digests,
        spec.targetTask,
        tasks,
        splits,
        new StoreManifest.Shard(spec.shardIndex, spec.shardCount),
        spec.mergedFrom == null ? null : List.<MergedShard>copyOf(spec.mergedFrom),
        spec.codeVersion);
  }

  /** Without a prior {@link #commit()}, deletes every file this writer created. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (committed) {
      return;
    }
    for (SplitSink sink : sinks.values()) {
      sink.deleteTemps();
    }
    for (Path p : moved) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // best effort: without manifest.json these files are not a store
      }
    }
  }
}
