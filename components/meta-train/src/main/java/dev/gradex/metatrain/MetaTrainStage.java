package dev.gradex.metatrain;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.component.OutputManifest;
import dev.gradex.component.StageCheckpoints;
import dev.gradex.core.TreeDigest;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.LoraJob;
import dev.gradex.model.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Stage 1 of Li, Zhang, Wang, Zhang (arXiv 2409.19458): multitask LoRA fine-tuning on all tasks,
 * producing the meta-initialisation theta* in {@code out} (PEFT adapter files), with {@code
 * metrics.json}, the training curves ({@code curves.csv}) and {@code manifest.json} beside them.
 * Idempotent; a killed run rerun with the same inputs and settings resumes from {@code
 * out/.checkpoints} ({@link StageCheckpoints}).
 */
public final class MetaTrainStage implements Callable<Map<String, Object>> {
  public static final String KIND = "meta-train";

  private final Path sources;
  private final Path baseModel;
  private final Path out;
  private final LoraJob.Settings settings;
  private final Device device;
  private final TrainingListener listener;

  public MetaTrainStage(
      Path sources,
      Path baseModel,
      Path out,
      LoraJob.Settings settings,
      Device device,
      TrainingListener listener) {
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

  /** Runs (or finds complete) and returns the results recorded in the manifest. */
  @Override
  public Map<String, Object> call() {
    SourceSet set = SourceSet.read(sources);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("sources", set.digests());
    inputs.put("baseModel", TreeDigest.of(baseModel));
    inputs.put("settings", settings);
    String key = OutputManifest.key(inputs);
    Optional<JsonNode> done = OutputManifest.completed(out, KIND, key, LoraJob.RECORDS);
    if (done.isPresent()) {
      return Map.of("reused", true, "validationLoss", done.get().path("validationLoss").asDouble());
    }
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
            StageCheckpoints.prepare(out, key),
            listener);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("validationLoss", r.validation().loss());
    results.put("bestEpoch", r.training().bestEpoch());
    results.put("validationLosses", r.training().validationLosses());
    results.put("trainExamples", r.examples());
    if (settings.sequenceLimit().truncate()) {
      results.put("truncatedExamples", r.truncated());
    }
    results.putAll(r.trainingMetrics());
    results.put("adapter", TreeDigest.of(adapter(out)));
    LoraJob.writeRecords(out, r, results);
    OutputManifest.write(out, KIND, key, inputs, results, LoraJob.RECORDS);
    Map<String, Object> reported = new LinkedHashMap<>(results);
    reported.putAll(r.throughputMetrics());
    return reported;
  }
}
