package dev.gradex.metatrain;

import ai.djl.Device;
import dev.gradex.component.StageCheckpoints;
import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.TreeDigest;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.cli.TrainingMetrics;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.LoraJob;
import dev.gradex.tracking.MetricPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 1 of Li, Zhang, Wang, Zhang (arXiv 2409.19458): multitask LoRA fine-tuning on all tasks,
 * producing the meta-initialisation theta* in {@code out} (PEFT adapter files), with {@code
 * metrics.json} (the {@link MetaTrainResult}), the training curves ({@code curves.csv}) and {@code
 * manifest.json} beside them. Idempotent; a killed run rerun with the same inputs and settings
 * resumes from {@code out/.checkpoints} ({@link StageCheckpoints}). Run it with {@link
 * dev.gradex.component.stage.StageRunner}, which writes the manifest.
 */
public final class MetaTrainStage implements Stage<LoraJob.Settings, MetaTrainResult> {
  public static final String KIND = "meta-train";

  /**
   * What the key is computed over.
   *
   * @param sources digest of each source and target file, by name
   * @param baseModel the base model directory's tree digest
   * @param settings the training settings
   */
  public record Inputs(Map<String, String> sources, String baseModel, LoraJob.Settings settings) {}

  private final Path sources;
  private final Path baseModel;
  private final Path out;
  private final LoraJob.Settings settings;
  private final Device device;
  private final ProgressListener listener;
  private Inputs inputs;

  public MetaTrainStage(
      Path sources,
      Path baseModel,
      Path out,
      LoraJob.Settings settings,
      Device device,
      ProgressListener listener) {
    this.sources = sources;
    this.baseModel = baseModel;
    this.out = out;
    this.settings = settings;
    this.device = device;
    this.listener = listener;
  }

  /** The adapter directory this stage writes: the output directory itself. */
  public static Path adapter(Path out) {
    return out;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public LoraJob.Settings settings() {
    return settings;
  }

  private Inputs inputs() {
    if (inputs == null) {
      inputs = new Inputs(SourceSet.read(sources).digests(), TreeDigest.of(baseModel), settings);
    }
    return inputs;
  }

  @Override
  public String key() {
    return StageManifest.key(inputs());
  }

  @Override
  public Optional<MetaTrainResult> completed() {
    return StageManifest.completed(out, KIND, key(), LoraJob.RECORDS, MetaTrainResult.class)
        .map(r -> r.found(out));
  }

  @Override
  public MetaTrainResult run() {
    SourceSet set = SourceSet.read(sources);
    List<Dataset> train = new ArrayList<>();
    train.add(set.readTarget(set.target().train()));
    for (SourceSet.Source s : set.sources()) {
      train.add(set.read(s));
    }
    LoraJob.Result r =
        LoraJob.run(
            baseModel,
            train,
            set.readTarget(set.target().validation()),
            null,
            settings,
            device,
            adapter(out),
            StageCheckpoints.prepare(out, key()),
            listener);
    MetaTrainResult result =
        new MetaTrainResult(
            r.validation().loss(),
            r.training().bestEpoch(),
            r.training().validationLosses(),
            r.examples(),
            r.training().steps(),
            settings.sequenceLimit().truncate() ? r.truncated() : null,
            TreeDigest.of(adapter(out)),
            false,
            out,
            false,
            r.throughputMetrics());
    LoraJob.writeRecords(out, r, result);
    return result;
  }

  @Override
  public Optional<ManifestTarget> manifest() {
    return Optional.of(new ManifestTarget(out, inputs(), LoraJob.RECORDS));
  }

  @Override
  public List<MetricPoint> series() {
    return TrainingMetrics.series(out);
  }
}
