package dev.gradex.extract;

import dev.gradex.component.ComponentProgress;
import dev.gradex.component.KfpExecutorInput;
import dev.gradex.component.KfpExecutorOutput;
import dev.gradex.component.KfpOptions;
import dev.gradex.component.ProgressReporter;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.cli.CatalogOptions;
import dev.gradex.component.stage.StageRunner;
import dev.gradex.core.OutputLock;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.gradients.ExtractionConfig;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.mlflow.TrackerConfig;
import dev.gradex.tracking.mlflow.Trackers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The extract-gradients component's command line. */
@Command(
    name = "extract-gradients",
    mixinStandardHelpOptions = true,
    modelTransformer = CatalogOptions.class,
    description = {
      "Writes projected per-example LoRA gradients and outputs at theta* to a gradient store.",
      "GradEx stage 2, for shard k of K; resumable (finished chunks are kept) and idempotent."
    })
public final class ExtractGradientsCommand implements Callable<Integer> {
  /** The component's output artifacts (GradexComponents.extractGradients). */
  static final List<String> OUTPUTS = List.of("store");

  @picocli.CommandLine.Mixin
  dev.gradex.model.cli.ThreadOptions threads = new dev.gradex.model.cli.ThreadOptions();

  @Option(names = "--sources", required = true, description = "Sources directory (sources.yaml).")
  Path sources;

  @Option(names = "--base-model", required = true, description = "Hugging Face model directory.")
  Path baseModel;

  @Option(names = "--adapter", required = true, description = "Meta-trained adapter (theta*).")
  Path adapter;

  @Option(names = "--store-out", required = true, description = "Gradient store directory.")
  Path storeOut;

  // Catalog settings (data, gradients, runtime): default and help from the catalog.
  @Option(names = "--dim")
  int dim;

  @Option(names = "--projector-seed")
  long projectorSeed;

  @Option(names = "--shard-index", description = "This shard k (default: ${DEFAULT-VALUE}).")
  int shardIndex;

  @Option(names = "--shard-count", description = "Shards K (default: ${DEFAULT-VALUE}).")
  int shardCount = 1;

  @Option(names = "--batch-size")
  int batchSize;

  @Option(names = "--max-seq-length")
  int maxSeqLength;

  // As meta-train's; Kubeflow passes a value (--truncate true), by hand the flag alone is enough.
  @Option(names = "--truncate", arity = "0..1", fallbackValue = "true")
  boolean truncate;

  // As --truncate; its default is on, so --append-eos false turns it off.
  @Option(names = "--append-eos", arity = "0..1", fallbackValue = "true")
  boolean appendEos = Settings.DATA_APPEND_EOS.defaultValue();

  @Option(names = "--source-digests", description = "Digests of the source data (provenance).")
  String sourceDigests = "";

  @Option(
      names = "--only-sources",
      description =
          "Comma-separated sources to extract alone (incremental reselection: new sources at a"
              + " reused theta*; merge-stores then extends the previous store); empty = all.")
  String onlySources = "";

  @Option(names = "--device", description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE}).")
  String device = "cpu";

  @Mixin KfpOptions kfp = new KfpOptions();

  @Override
  public Integer call() throws Exception {
    Optional<KfpExecutorInput> kfpInput = kfp.require(OUTPUTS);
    ExtractStage.Settings s = settings();
    System.err.println(
        "gradex: extract-gradients "
            + s
            + " source-digests="
            + sourceDigests
            + " sources="
            + sources
            + " out="
            + storeOut);
    // one writer per --store-out: a second extraction into it is refused before it writes
    try (OutputLock lock = OutputLock.acquire(storeOut);
        ProgressReporter reporter = new ProgressReporter(System.err, false);
        Tracker tracker =
            Trackers.fromEnvironment(
                System.getenv(),
                TrackerConfig.builder()
                    .optRunName("gradex extract-gradients")
                    .optSourceName("extract-gradients")
                    .optBufferUnder(storeOut))) {
      // inside an MLflow stage run (a no-op without MLFLOW_TRACKING_URI): params = the settings,
      // metrics = the store's size and the gradient throughput (ExtractionMetrics)
      ComponentProgress progress = new ComponentProgress(reporter, "extract-gradients");
      ExtractResult r =
          new StageRunner(tracker, progress)
              .run(
                  "extract-gradients",
                  new ExtractStage(sources, baseModel, adapter, storeOut, s, device(), progress));
      System.err.println(
          "gradex: store complete: " + r.examples() + " training examples, d=" + r.dim());
      System.err.println("gradex: extract-gradients: " + tracker.summary().message());
      // the store's output carries its manifest's figures as metadata (as merge-stores writes it)
      kfpInput.ifPresent(
          in ->
              KfpExecutorOutput.write(
                  in, Map.of("store", MergeStoreCommand.storeMetadata(r.manifest()))));
    }
    return 0;
  }

  /** The stage settings these options describe. */
  ExtractStage.Settings settings() {
    return new ExtractStage.Settings(
        dim,
        projectorSeed,
        batchSize,
        shardIndex,
        shardCount,
        new SequenceLimit(maxSeqLength, truncate, appendEos),
        ExtractionConfig.DEFAULT_CHUNK_SIZE,
        names(onlySources));
  }

  /** The names in a comma-separated list, blanks dropped. */
  static java.util.Set<String> names(String list) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String n : list.split(",")) {
      if (!n.isBlank()) {
        out.add(n.strip());
      }
    }
    return out;
  }

  /** The device, after setting the engine's threads (resolving it starts the engine). */
  private ai.djl.Device device() {
    threads.apply();
    return ModelRuntime.device(device);
  }
}
