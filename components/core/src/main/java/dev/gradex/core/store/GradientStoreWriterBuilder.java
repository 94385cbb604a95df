package dev.gradex.core.store;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.projection.RademacherProjector;
import dev.gradex.core.store.StoreManifest.Digests;
import dev.gradex.core.store.StoreManifest.MergedShard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Builds a {@link GradientStoreWriter}: {@code set...} fields are required, {@code opt...}
 * optional; {@link #build()} reports every missing or invalid field in one message.
 */
public final class GradientStoreWriterBuilder {
  Path directory;
  int dim;
  String projectorKind;
  long seed;
  ParameterLayout layout;
  List<String> tasks;
  String targetTask;
  Double adapterNorm;
  Digests digests;
  int shardIndex;
  int shardCount = 1;
  String codeVersion;
  List<MergedShard> mergedFrom;

  GradientStoreWriterBuilder() {}

  /** Directory to write into; created if absent; must not already hold a manifest. */
  public GradientStoreWriterBuilder setDirectory(Path directory) {
    this.directory = directory;
    return this;
  }

  /** Projected dimension d. */
  public GradientStoreWriterBuilder setDim(int dim) {
    this.dim = dim;
    return this;
  }

  /** Generator of P: its kind (e.g. {@link RademacherProjector#KIND}) and seed. */
  public GradientStoreWriterBuilder setProjector(String kind, long seed) {
    this.projectorKind = kind;
    this.seed = seed;
    return this;
  }

  /** Sets the projector kind and seed, the dim and the layout from {@code projector}. */
  public GradientStoreWriterBuilder setProjector(RademacherProjector projector) {
    setProjector(projector.kind(), projector.seed());
    setDim(projector.dim());
    return setLayout(projector.layout());
  }

  /** Trainable parameters that were projected. */
  public GradientStoreWriterBuilder setLayout(ParameterLayout layout) {
    this.layout = layout;
    return this;
  }

  /** Task names; task indices in the store follow this order. */
  public GradientStoreWriterBuilder setTasks(List<String> tasks) {
    this.tasks = tasks == null ? null : new ArrayList<>(tasks);
    return this;
  }

  /** The task holding the target's own training examples; must be one of the tasks. */
  public GradientStoreWriterBuilder optTargetTask(String targetTask) {
    this.targetTask = targetTask;
    return this;
  }

  /** ||theta*_LoRA||, for relative norm caps downstream. */
  public GradientStoreWriterBuilder optAdapterNorm(double adapterNorm) {
    this.adapterNorm = adapterNorm;
    return this;
  }

  public GradientStoreWriterBuilder optDigests(Digests digests) {
    this.digests = digests;
    return this;
  }

  /**
   * This store is shard {@code index} of {@code count}; a shard may have tasks without examples.
   */
  public GradientStoreWriterBuilder optShard(int index, int count) {
    this.shardIndex = index;
    this.shardCount = count;
    return this;
  }

  public GradientStoreWriterBuilder optCodeVersion(String codeVersion) {
    this.codeVersion = codeVersion;
    return this;
  }

  GradientStoreWriterBuilder optMergedFrom(List<MergedShard> mergedFrom) {
    this.mergedFrom = mergedFrom;
    return this;
  }

  /** Checks all fields and opens the temporary files. */
  public GradientStoreWriter build() {
    List<String> problems = new ArrayList<>();
    if (directory == null) {
      problems.add("directory is required (setDirectory)");
    } else if (Files.exists(directory.resolve(StoreManifest.FILE))) {
      problems.add("directory " + directory + " already holds a manifest.json");
    }
    if (dim <= 0) {
      problems.add("dim must be > 0 (setDim), got " + dim);
    }
    if (projectorKind == null || projectorKind.isEmpty()) {
      problems.add("projector kind is required (setProjector)");
    }
    if (layout == null) {
      problems.add("layout is required (setLayout)");
    }
    checkTasks(problems);
    if (adapterNorm != null && !(adapterNorm >= 0 && Double.isFinite(adapterNorm))) {
      problems.add("adapterNorm must be finite and >= 0, got " + adapterNorm);
    }
    if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
      problems.add("shard must satisfy 0 <= index < count, got " + shardIndex + "/" + shardCount);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("gradient store writer", String.join("; ", problems));
    }
    return new GradientStoreWriter(this);
  }

  private void checkTasks(List<String> problems) {
    if (tasks == null || tasks.isEmpty()) {
      problems.add("tasks are required (setTasks)");
      return;
    }
    HashSet<String> seen = new HashSet<>();
    for (String t : tasks) {
      if (t == null || t.isEmpty()) {
        problems.add("task names must be non-empty");
      } else if (!seen.add(t)) {
        problems.add("duplicate task " + t);
      }
    }
    if (targetTask != null && !seen.contains(targetTask)) {
      problems.add("targetTask " + targetTask + " is not among the tasks");
    }
  }
}
