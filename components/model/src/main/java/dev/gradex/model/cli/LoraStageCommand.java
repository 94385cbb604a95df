package dev.gradex.model.cli;

import dev.gradex.component.ComponentOutputs;
import dev.gradex.component.ComponentProgress;
import dev.gradex.component.KfpExecutorInput;
import dev.gradex.component.KfpOptions;
import dev.gradex.component.ProgressReporter;
import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageResult;
import dev.gradex.component.stage.StageRunner;
import dev.gradex.core.OutputLock;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.mlflow.TrackerConfig;
import dev.gradex.tracking.mlflow.Trackers;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the two LoRA components' command lines (meta-train, fine-tune) share: the training options,
 * the output and provenance flags, the effective configuration printed at start, publishing the
 * results to a metrics file and to Kubeflow, and MLflow tracking when {@code MLFLOW_TRACKING_URI}
 * is set, all through the one {@link StageRunner} (the training curves: {@link TrainingMetrics}).
 * Subclasses only build their stage.
 */
public abstract class LoraStageCommand implements Callable<Integer> {
  @Mixin protected LoraTrainingOptions lora;

  @Option(
      names = "--adapter-out",
      required = true,
      description = "Output directory: PEFT adapter files, metrics.json, manifest.json.")
  protected Path adapterOut;

  @Option(names = "--source-digests", description = "Digests of the source data (provenance).")
  protected String sourceDigests = "";

  @Option(names = "--metrics-out", description = "Also write the metrics as JSON here.")
  protected Path metricsOut;

  @Mixin protected KfpOptions kfp = new KfpOptions();

  /** The output artifacts of both components (GradexComponents.metaTrain and fineTune). */
  static final List<String> OUTPUTS = List.of("adapter", ComponentOutputs.METRICS);

  /** The component's name, as printed. */
  protected abstract String name();

  /** The stage to run with the parsed options; it reports progress to {@code progress}. */
  protected abstract Stage<?, ? extends StageResult> stage(ProgressListener progress)
      throws Exception;

  @Override
  public final Integer call() throws Exception {
    Optional<KfpExecutorInput> kfpInput = kfp.require(OUTPUTS);
    System.err.println(
        "gradex: "
            + name()
            + " "
            + lora.settings()
            + " sources="
            + lora.sources
            + " source-digests="
            + sourceDigests
            + " base-model="
            + lora.baseModel
            + " out="
            + adapterOut);
    // one writer per --adapter-out: a second training into it is refused before it writes
    try (OutputLock lock = OutputLock.acquire(adapterOut);
        Tracker tracker =
            Trackers.fromEnvironment(
                System.getenv(),
                TrackerConfig.builder()
                    .optRunName("gradex " + name())
                    .optSourceName(name())
                    .optBufferUnder(adapterOut))) {
      // inside an MLflow stage run (a no-op without MLFLOW_TRACKING_URI): params = the training
      // settings, metrics = the results, the throughput and the training curves step by step
      ComponentProgress progress =
          new ComponentProgress(new ProgressReporter(System.err, false), name());
      new StageRunner(tracker, progress)
          .optComponentOutputs(kfpInput, metricsOut, List.of("adapter"))
          .run(name(), stage(progress));
      System.err.println("gradex: " + name() + ": " + tracker.summary().message());
    }
    return 0;
  }
}
