package dev.gradex.extract;

import ai.djl.Device;
import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.TreeDigest;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.gradients.GradientExtractor;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 2 of Li, Zhang, Wang, Zhang (arXiv 2409.19458) for one shard: loads the base model with the
 * meta-trained adapter theta*, and writes the projected per-example gradients and outputs of every
 * source, of the target's training examples (task {@value SourceSet#TARGET}) and of the target
 * validation examples to a gradient store. Idempotent and resumable (the extractor journals chunks;
 * a complete store matching these settings is returned as it is, and the result says reused). The
 * store's own {@link StoreManifest} records the output, so the stage runner writes no other.
 */
public final class ExtractStage implements Stage<ExtractStage.Settings, ExtractResult> {
  public static final String KIND = StoreManifest.KIND;

  /**
   * Settings of the projection and the shard. {@code chunkSize} examples are committed at a time,
   * the unit a killed run redoes; batches do not straddle chunks, so, like the batch size, it can
   * move outputs by rounding (a resumed run with the same settings writes the same bytes).
   *
   * @param sequenceLimit longest example, whether longer ones are cut and whether completions end
   *     with EOS: the training stages' limit, so the gradients are of the examples theta* was
   *     trained on
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
      onlySources =
          java.util.Collections.unmodifiableSortedSet(
              new java.util.TreeSet<>(onlySources == null ? Set.of() : onlySources));
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
  private final ProgressListener listener;

  public ExtractStage(
      Path sources,
      Path baseModel,
      Path adapter,
      Path out,
      Settings settings,
      Device device,
      ProgressListener listener) {
    this.sources = sources;
    this.baseModel = baseModel;
    this.adapter = adapter;
    this.out = out;
    this.settings = settings;
    this.device = device;
    this.listener = listener;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Settings settings() {
    return settings;
  }

  /** Over the sources' digests, the base model's and adapter's tree digests and the settings. */
  @Override
  public String key() {
    return StageManifest.key(
        List.of(
            SourceSet.read(sources).digests(),
            TreeDigest.of(baseModel),
            TreeDigest.of(adapter),
            settings));
  }

  /**
   * Empty: whether a store is complete for these settings is the extractor's check (it needs the
   * model), done at the start of {@link #run()}, which then computes nothing and says reused.
   */
  @Override
  public Optional<ExtractResult> completed() {
    return Optional.empty();
  }

  @Override
  public ExtractResult run() {
    ExtractionMetrics metrics = new ExtractionMetrics(listener);
    StoreManifest m = extract(metrics);
    return new ExtractResult(m, out, !metrics.started(), metrics.metrics());
  }

  private StoreManifest extract(ProgressListener listener) {
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
