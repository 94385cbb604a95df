package dev.gradex.extract;

import ai.djl.Device;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.TreeDigest;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.gradients.ExtractionListener;
import dev.gradex.model.gradients.GradientExtractor;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Stage 2 of Li, Zhang, Wang, Zhang (arXiv 2409.19458) for one shard: loads the base model with the
 * meta-trained adapter theta*, and writes the projected per-example gradients and outputs of every
 * source, of the target's training examples (task {@value SourceSet#TARGET}) and of the target
 * validation examples to a gradient store. Idempotent and resumable (the extractor journals chunks;
 * a complete store is returned as it is).
 */
public final class ExtractStage implements Callable<StoreManifest> {
  /**
   * Settings of the projection and the shard. {@code chunkSize} examples are committed at a time,
   * the unit a killed run redoes; batches do not straddle chunks, so, like the batch size, it can
   * move outputs by rounding (a resumed run with the same settings writes the same bytes).
   *
   * @param sequenceLimit longest example and whether longer ones are cut: the training stages'
   *     limit, so the gradients are of the examples theta* was trained on
   * @param onlySources if not empty, extract only these sources' training examples (incremental
   *     reselection: new sources at a reused theta*; the merge step extends the previous store)
   */
  public record Settings(
      int dim,
      long seed,
      int batchSize,
      int shardIndex,
      int shardCount,
      SequenceLimit sequenceLimit,
      int chunkSize,
      Set<String> onlySources) {
    public Settings {
      onlySources = onlySources == null ? Set.of() : Set.copyOf(onlySources);
      sequenceLimit = sequenceLimit == null ? SequenceLimit.MODEL : sequenceLimit;
    }

    /** All sources. */
    public Settings(
        int dim,
        long seed,
        int batchSize,
        int shardIndex,
        int shardCount,
        SequenceLimit sequenceLimit,
        int chunkSize) {
      this(dim, seed, batchSize, shardIndex, shardCount, sequenceLimit, chunkSize, Set.of());
    }
  }

  private final Path sources;
  private final Path baseModel;
  private final Path adapter;
  private final Path out;
  private final Settings settings;
  private final Device device;
  private final ExtractionListener listener;

  public ExtractStage(
      Path sources,
      Path baseModel,
      Path adapter,
      Path out,
      Settings settings,
      Device device,
      ExtractionListener listener) {
    this.sources = sources;
    this.baseModel = baseModel;
    this.adapter = adapter;
    this.out = out;
    this.settings = settings;
    this.device = device;
    this.listener = listener;
  }

  @Override
  public StoreManifest call() {
    SourceSet set = SourceSet.read(sources);
    checkOnlySources(set);
    try (LanguageModel model = HfModels.load(baseModel, device, settings.seed());
        TextTokenizer tok = TextTokenizer.load(baseModel)) {
      model.loadAdapter(adapter);
      var config =
          GradientExtractor.builder()
              .setModel(model)
              .setTokenizer(tok)
              .setProjection(settings.seed(), settings.dim())
              .setOutput(out)
              .optShard(settings.shardIndex(), settings.shardCount())
              .optBatchSize(settings.batchSize())
              .optChunkSize(settings.chunkSize())
              .optDigests(TreeDigest.of(baseModel), TreeDigest.of(adapter))
              .optOnlyTasks(settings.onlySources())
              .optSequenceLimit(settings.sequenceLimit())
              .optListener(listener);
      for (SourceSet.Source s : set.sources()) {
        config.addTask(s.name(), set.read(s));
      }
      config.addTask(SourceSet.TARGET, set.readTarget(set.target().train()));
      config.setTarget(SourceSet.TARGET, set.readTarget(set.target().validation()));
      return config.build().run();
    }
  }

  /** Every name in {@code onlySources} must be a source. */
  private void checkOnlySources(SourceSet set) {
    Set<String> only = settings.onlySources();
    List<String> names = set.sources().stream().map(SourceSet.Source::name).toList();
    for (String n : only) {
      if (!names.contains(n)) {
        throw new InvalidInputException(
            "--only-sources", n + " is not a source in " + set.directory() + ": " + names);
      }
    }
  }
}
