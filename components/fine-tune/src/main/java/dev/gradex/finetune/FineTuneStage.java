package dev.gradex.finetune;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.OutputManifest;
import dev.gradex.component.StageCheckpoints;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.TreeDigest;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.LoraJob;
import dev.gradex.model.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Stage 5 of Li, Zhang, Wang, Zhang (arXiv 2409.19458): fine-tunes the pretrained base model once
 * on the target's training data plus the selected sources (from {@code selection.json}), keeps the
 * epoch with the best target validation loss, evaluates it on the target test split, and writes the
 * adapter's files, {@code metrics.json}, the training curves ({@code curves.csv}) and {@code
 * manifest.json} into {@code out}. Besides the token losses, {@code validation_output_loss} is the
 * true f(S) in the units of the estimate fhat(S) (ALGORITHM.md, "Fidelity", measure 2). Idempotent;
 * a killed run rerun with the same inputs resumes from {@code out/.checkpoints} ({@link
 * StageCheckpoints}).
 */
public final class FineTuneStage implements Callable<Map<String, Object>> {
  public static final String KIND = "fine-tune";

  private final Path sources;
  private final Path baseModel;
  private final List<String> selected;
  private final Path out;
  private final LoraJob.Settings settings;
  private final Device device;
  private final TrainingListener listener;

  public FineTuneStage(
      Path sources,
      Path baseModel,
      List<String> selected,
      Path out,
      LoraJob.Settings settings,
      Device device,
      TrainingListener listener) {
    this.sources = sources;
    this.baseModel = baseModel;
    this.selected = List.copyOf(selected);
    this.out = out;
    this.settings = settings;
    this.device = device;
    this.listener = listener;
  }

  /** The selected source names from an estimate-subsets output's {@code selection.json}. */
  public static List<String> readSelection(Path selectionDirOrFile) {
    Path file =
        selectionDirOrFile.toString().endsWith(".json")
            ? selectionDirOrFile
            : selectionDirOrFile.resolve("selection.json");
    try {
      JsonNode sel = new ObjectMapper().readTree(file.toFile());
      if (!sel.path("selected").isArray()) {
        throw new InvalidInputException(file.toString(), "has no \"selected\" list");
      }
      List<String> names = new ArrayList<>();
      sel.path("selected").forEach(n -> names.add(n.asText()));
      return names;
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage());
    }
  }

  @Override
  public Map<String, Object> call() {
    SourceSet set = SourceSet.read(sources);
    List<Dataset> train = new ArrayList<>();
    train.add(set.readTarget(set.target().train()));
    List<String> unknown = new ArrayList<>(selected);
    for (SourceSet.Source s : set.sources()) {
      if (selected.contains(s.name())) {
        train.add(set.read(s));
        unknown.remove(s.name());
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          "selection", "names sources not in " + sources + ": " + unknown);
    }
    if (set.target().test() == null) {
      throw new InvalidInputException(
          sources.resolve(SourceSet.FILE).toString(),
          "target.test is required for the final evaluation");
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("sources", set.digests());
    inputs.put("baseModel", TreeDigest.of(baseModel));
    inputs.put("selected", selected);
    inputs.put("settings", settings);
    String key = OutputManifest.key(inputs);
    Optional<JsonNode> done = OutputManifest.completed(out, KIND, key, LoraJob.RECORDS);
    if (done.isPresent()) {
      Map<String, Object> r = new LinkedHashMap<>();
      done.get()
          .fields()
          .forEachRemaining(
              e ->
                  r.put(
                      e.getKey(),
                      e.getValue().isNumber() ? e.getValue().asDouble() : e.getValue().toString()));
      r.put("reused", true);
      return r;
    }
    LoraJob.Result r =
        LoraJob.run(
            baseModel,
            train,
            set.readTarget(set.target().validation()),
            set.readTarget(set.target().test()),
            settings,
            device,
            out.resolve("adapter"),
            StageCheckpoints.prepare(out, key),
            listener);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("validation_loss", r.validation().loss());
    results.put("validation_output_loss", r.validation().outputLoss());
    results.put("test_loss", r.test().loss());
    results.put("test_perplexity", r.test().perplexity());
    results.put("train_examples", r.examples());
    results.put("selected_sources", selected.size());
    results.putAll(r.trainingMetrics());
    LoraJob.writeRecords(out, r, results);
    OutputManifest.write(out, KIND, key, inputs, results, LoraJob.RECORDS);
    return results;
  }
}
