package dev.gradex.model.gradients;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.tokenizer.TokenEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link GradientExtractor} needs: {@code set...} fields are required, {@code opt...}
 * optional; {@link #build()} reports every problem in one message.
 */
public final class ExtractionConfig {
  /** Examples per committed chunk unless set: a killed extraction redoes at most this many. */
  public static final int DEFAULT_CHUNK_SIZE = 2048;

  LanguageModel model;
  TokenEncoder tokenizer;
  final Map<String, Dataset> tasks = new LinkedHashMap<>();
  String targetTask;
  Dataset validation;
  long seed;
  int dim;
  Path output;
  int shardIndex;
  int shardCount = 1;
  int batchSize = 16;
  int chunkSize = DEFAULT_CHUNK_SIZE;
  long projectionCacheBytes = 1L << 30;
  String modelDigest;
  String adapterDigest;
  Set<String> onlyTasks;
  SequenceLimit sequenceLimit = SequenceLimit.MODEL;
  ProgressListener listener = ProgressListener.NONE;
  private boolean built;

  /** The model at theta*, LoRA applied or loaded. */
  public ExtractionConfig setModel(LanguageModel model) {
    this.model = model;
    return this;
  }

  /** The model's tokenizer. */
  public ExtractionConfig setTokenizer(TokenEncoder tokenizer) {
    this.tokenizer = tokenizer;
    return this;
  }

  /** Adds a task's training examples; store task indices follow the order of calls. */
  public ExtractionConfig addTask(String name, Dataset data) {
    if (tasks.put(name, data) != null) {
      throw new InvalidInputException(name, "task added twice");
    }
    return this;
  }

  /** The target task (one of the added tasks) and its validation examples. */
  public ExtractionConfig setTarget(String task, Dataset validation) {
    this.targetTask = task;
    this.validation = validation;
    return this;
  }

  /** Seed and dimension d of the Rademacher projection. */
  public ExtractionConfig setProjection(long seed, int dim) {
    this.seed = seed;
    this.dim = dim;
    return this;
  }

  /** The store directory of this shard. */
  public ExtractionConfig setOutput(Path output) {
    this.output = output;
    return this;
  }

  /** This run is shard {@code index} of {@code count} (default 0 of 1). */
  public ExtractionConfig optShard(int index, int count) {
    this.shardIndex = index;
    this.shardCount = count;
    return this;
  }

  /** Examples per forward/backward pass (default 16). */
  public ExtractionConfig optBatchSize(int batchSize) {
    this.batchSize = batchSize;
    return this;
  }

  /**
   * Examples per committed chunk, the unit of resumption (default {@value #DEFAULT_CHUNK_SIZE}).
   */
  public ExtractionConfig optChunkSize(int chunkSize) {
    this.chunkSize = chunkSize;
    return this;
  }

  /** Largest P (4 p d bytes) held as tensors (default 1 GiB); 0 streams P from the projector. */
  public ExtractionConfig optProjectionCacheBytes(long bytes) {
    this.projectionCacheBytes = bytes;
    return this;
  }

  /** Digests of the base model and the adapter ({@code sha256:...}) for the manifest. */
  public ExtractionConfig optDigests(String model, String adapter) {
    this.modelDigest = model;
    this.adapterDigest = adapter;
    return this;
  }

  /**
   * Extracts only these tasks' training examples (incremental reselection: new sources at a reused
   * theta*). Every task is still added, so the store records the digests of all inputs; it holds
   * only these tasks, no target task and no validation examples, and {@code
   * dev.gradex.core.store.StoreExtender} merges it into the previous store.
   */
  public ExtractionConfig optOnlyTasks(Set<String> names) {
    this.onlyTasks = names == null || names.isEmpty() ? null : new TreeSet<>(names);
    return this;
  }

  /**
   * The longest example and whether longer ones are cut (default: the model's context, refused);
   * must be the training stages' limit, so gradients are taken of the examples theta* saw.
   */
  public ExtractionConfig optSequenceLimit(SequenceLimit limit) {
    this.sequenceLimit = limit == null ? SequenceLimit.MODEL : limit;
    return this;
  }

  /** The tasks the store holds, in the order added. */
  List<String> storeTasks() {
    return tasks.keySet().stream().filter(t -> onlyTasks == null || onlyTasks.contains(t)).toList();
  }

  /** The store's target task: none when only some tasks are extracted. */
  String storeTargetTask() {
    return onlyTasks == null ? targetTask : null;
  }

  /** Receives the extraction's progress events (see {@link GradientExtractor}). */
  public ExtractionConfig optListener(ProgressListener listener) {
    this.listener = listener;
    return this;
  }

  /** Validates everything at once and returns the extractor. */
  public GradientExtractor build() {
    List<String> problems = new ArrayList<>();
    if (model == null) {
      problems.add("model is required (setModel)");
    } else if (model.loraConfig() == null) {
      problems.add("the model has no LoRA adapter (apply or load one)");
    }
    if (tokenizer == null) {
      problems.add("tokenizer is required (setTokenizer)");
    }
    if (tasks.isEmpty()) {
      problems.add("at least one task is required (addTask)");
    }
    if (targetTask == null || validation == null) {
      problems.add("target task and validation data are required (setTarget)");
    } else if (!tasks.containsKey(targetTask)) {
      problems.add("target task " + targetTask + " is not among the tasks " + tasks.keySet());
    }
    if (onlyTasks != null) {
      for (String t : onlyTasks) {
        if (!tasks.containsKey(t) || t.equals(targetTask)) {
          problems.add("only-task " + t + " is not a source task among " + tasks.keySet());
        }
      }
    }
    if (dim <= 0) {
      problems.add("projection dim must be > 0 (setProjection), got " + dim);
    }
    if (output == null) {
      problems.add("output directory is required (setOutput)");
    }
    if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
      problems.add("shard must satisfy 0 <= k < K, got " + shardIndex + "/" + shardCount);
    }
    if (batchSize < 1 || chunkSize < 1) {
      problems.add("batch size and chunk size must be >= 1");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("gradient extraction", String.join("; ", problems));
    }
    if (built) {
      throw new IllegalStateException("build() may be called once");
    }
    built = true;
    return new GradientExtractor(this);
  }
}
