package dev.gradex.core.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.ParameterLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of a gradient store: provenance and checksums of the stage-2 output of
 * Li et al., arXiv 2409.19458 (per-example projected gradients). Field order is the declaration
 * order and maps are ordered, so the same store always serialises to the same bytes. See {@link
 * GradientStore} for the file format.
 *
 * @param kind always {@value #KIND}
 * @param formatVersion always {@value #FORMAT_VERSION} for this code
 * @param dim projected dimension d
 * @param projector how P was generated
 * @param parameterLayout the trainable parameters that were projected
 * @param adapterNorm ||theta*_LoRA||, for relative norm caps; null if unknown
 * @param digests input digests
 * @param targetTask name of the task holding the target's own training examples, or null
 * @param tasks task names and train example counts; task index i is {@code tasks.get(i)}
 * @param splits {@code "train"} and {@code "validation"}
 * @param shard which shard of how many this store is; {0, 1} for a complete store
 * @param mergedFrom the shards a merged store was built from; absent otherwise
 * @param codeVersion version of the code that wrote the store
 */
public record StoreManifest(
    String kind,
    int formatVersion,
    int dim,
    Projector projector,
    Layout parameterLayout,
    Double adapterNorm,
    Digests digests,
    String targetTask,
    List<Task> tasks,
    Map<String, SplitInfo> splits,
    Shard shard,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<MergedShard> mergedFrom,
    String codeVersion) {
  public static final String KIND = "gradient-store";
  public static final int FORMAT_VERSION = 1;
  public static final String FILE = "manifest.json";

  public StoreManifest {
    tasks = tasks == null ? null : Collections.unmodifiableList(new ArrayList<>(tasks));
    splits = splits == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    mergedFrom = mergedFrom == null ? null : List.copyOf(mergedFrom);
  }

  /** Task names in index order. */
  public List<String> taskNames() {
    return tasks.stream().map(Task::name).toList();
  }

  /** The manifest entry of {@code split}, or null. */
  public SplitInfo split(Split split) {
    return splits == null ? null : splits.get(split.key());
  }

  /** Generator of the projection: kind, seed and d (must equal the store's dim). */
  public record Projector(String kind, long seed, int dim) {}

  /** JSON form of a {@link ParameterLayout}, with its hash and size for quick comparison. */
  public record Layout(String hash, long parameterCount, List<ParameterBlock> blocks) {
    public static Layout of(ParameterLayout layout) {
      return new Layout(layout.hash(), layout.parameterCount(), layout.blocks());
    }

    /** The layout, after checking that the recorded hash and count match the blocks. */
    public ParameterLayout toLayout() {
      if (blocks == null) {
        throw new InvalidInputException("manifest.json: parameterLayout.blocks", "missing");
      }
      ParameterLayout layout;
      try {
        layout = new ParameterLayout(blocks);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("manifest.json: " + e.subject(), e.detail(), e);
      }
      if (!layout.hash().equals(hash)) {
        throw new InvalidInputException(
            "manifest.json: parameterLayout.hash",
            "is " + hash + " but the blocks hash to " + layout.hash());
      }
      if (layout.parameterCount() != parameterCount) {
        throw new InvalidInputException(
            "manifest.json: parameterLayout.parameterCount",
            "is " + parameterCount + " but the blocks hold " + layout.parameterCount());
      }
      return layout;
    }
  }

  /**
   * Input digests ({@code "sha256:<hex>"}); {@code data} maps task name to its source digest.
   *
   * @param model base model digest or null
   * @param adapter meta-trained adapter digest or null
   * @param data per-task data digests, kept sorted by task name
   */
  public record Digests(String model, String adapter, Map<String, String> data) {
    public Digests {
      data = Collections.unmodifiableMap(new TreeMap<>(data == null ? Map.of() : data));
    }

    public static Digests none() {
      return new Digests(null, null, Map.of());
    }
  }

  /** A task and how many training examples it has in this store. */
  public record Task(String name, long trainExamples) {}

  /** Examples of one split and the checksums of its files, keyed by file name. */
  public record SplitInfo(long examples, Map<String, FileInfo> files) {
    public SplitInfo {
      files = files == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
  }

  /** Lowercase hex SHA-256 and size of a data file. */
  public record FileInfo(String sha256, long bytes) {}

  /** Shard {@code index} of {@code count}. */
  public record Shard(int index, int count) {}

  /** One input of a merge: its shard index, example count and the SHA-256 of its manifest. */
  public record MergedShard(int index, long examples, String manifestSha256) {}
}
