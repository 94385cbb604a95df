package dev.gradex.finetune;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.component.OutputManifest;
import dev.gradex.component.StageCheckpoints;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.TreeDigest;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.EvalResult;
import dev.gradex.model.train.LoraJob;
import dev.gradex.model.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * manifest.json} into {@code out}. Besides the losses (cross-entropy per example for a classifier,
 * with accuracy and macro-F1; token cross-entropy for a language model), {@code
 * validation_output_loss} is the true f(S) in the units of the estimate fhat(S) (the paper's second
 * fidelity measure; docs/method.md#fidelity). Idempotent; a killed run rerun with the same inputs
 * resumes from {@code out/.checkpoints} ({@link StageCheckpoints}).
 */
public final class FineTuneStage implements Callable<Map<String, Object>> {
  public static final String KIND = "fine-tune";

  /** {@code objective} of a classifier target: losses are cross-entropy per example. */
  public static final String CLASSIFICATION = "classification";

  /** {@code objective} of a language-model target: losses are token cross-entropy. */
  public static final String LANGUAGE_MODEL = "language-model";

  private final Path sources;
  private final Path baseModel;
  private final List<String> selected;
  private final Path out;
  private final LoraJob.Settings settings;
  private final Device device;
  private final TrainingListener listener;
  private Path reuseAdapter;

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

  /**
   * Takes the adapter in {@code trainedAdapter} (with its {@code curves.csv}) instead of training,
   * for a caller that knows training here would repeat that run exactly (same base model, data and
   * settings: the all-sources baseline when fineTune equals meta-training). The adapter is copied
   * and evaluated on the target validation and test splits; the results say {@code reused_theta} 1
   * and the manifest's inputs name the reused weights' digest.
   */
  public FineTuneStage optReuseAdapter(Path trainedAdapter) {
    this.reuseAdapter = trainedAdapter;
    return this;
  }

  /** The selected source names from an estimate-subsets output's {@code selection.json}. */
  public static List<String> readSelection(Path selectionDirOrFile) {
    Path file =
        selectionDirOrFile.toString().endsWith(".json")
            ? selectionDirOrFile
            : selectionDirOrFile.resolve("selection.json");
    try {
      JsonNode sel = Json.JSON.readTree(file.toFile());
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

  /**
   * The results recorded in {@code out} by a complete earlier run of this very fine-tune (same
   * data, base model, selection and settings), with {@code reused} true; empty if there is none.
   * Trains nothing: a caller can look for a fine-tune done elsewhere before running its own.
   */
  public Optional<Map<String, Object>> completed() {
    Prepared p = prepare();
    return OutputManifest.completed(out, KIND, p.key(), LoraJob.RECORDS)
        .map(FineTuneStage::recorded);
  }

  @Override
  public Map<String, Object> call() {
    Prepared p = prepare();
    Optional<JsonNode> done = OutputManifest.completed(out, KIND, p.key(), LoraJob.RECORDS);
    if (done.isPresent()) {
      return recorded(done.get());
    }
    SourceSet set = p.set();
    List<Dataset> train = p.train();
    Map<String, Object> inputs = p.inputs();
    String key = p.key();
    if (reuseAdapter != null) {
      return reuse(set, inputs, key, train);
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
    Map<String, Object> results = results(r.validation(), r.test(), r.examples());
    if (settings.sequenceLimit().truncate()) {
      results.put("truncated_examples", r.truncated());
    }
    results.putAll(r.trainingMetrics());
    LoraJob.writeRecords(out, r, results);
    OutputManifest.write(out, KIND, key, inputs, results, LoraJob.RECORDS);
    Map<String, Object> reported = new LinkedHashMap<>(results);
    reported.putAll(r.throughputMetrics());
    return reported;
  }

  /** The source set, training data, content inputs and key of this fine-tune. */
  private record Prepared(
      SourceSet set, List<Dataset> train, Map<String, Object> inputs, String key) {}

  private Prepared prepare() {
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
    if (reuseAdapter != null) {
      inputs.put("reusedAdapterWeights", ReusedAdapter.weightsDigest(reuseAdapter));
    }
    return new Prepared(set, train, inputs, OutputManifest.key(inputs));
  }

  /** A complete manifest's results, numbers as doubles, with {@code reused} true. */
  private static Map<String, Object> recorded(JsonNode results) {
    Map<String, Object> r = new LinkedHashMap<>();
    results
        .fields()
        .forEachRemaining(
            e ->
                r.put(
                    e.getKey(),
                    e.getValue().isNumber() ? e.getValue().asDouble() : e.getValue().asText()));
    r.put("reused", true);
    return r;
  }

  /** Copies and evaluates {@link #reuseAdapter} instead of training. */
  private Map<String, Object> reuse(
      SourceSet set, Map<String, Object> inputs, String key, List<Dataset> train) {
    ReusedAdapter.Evaluated e =
        ReusedAdapter.copyAndEvaluate(
            reuseAdapter,
            baseModel,
            set.readTarget(set.target().validation()),
            set.readTarget(set.target().test()),
            settings,
            device,
            out.resolve("adapter"),
            out);
    int examples = train.stream().mapToInt(d -> d.examples().size()).sum();
    Map<String, Object> results = results(e.validation(), e.test(), examples);
    results.put("reused_theta", 1); // numeric, so it shows among the metrics
    results.put("reused_from", reuseAdapter.toAbsolutePath().toString());
    try {
      AtomicFiles.writeString(out.resolve("metrics.json"), Json.JSON.writeValueAsString(results));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    OutputManifest.write(out, KIND, key, inputs, results, LoraJob.RECORDS);
    return results;
  }

  /**
   * The stage's results: losses worded by objective, {@code validation_output_loss} (f(S) in fhat's
   * units) and, for a classifier, accuracy and macro-F1 of validation and test.
   */
  private Map<String, Object> results(EvalResult v, EvalResult t, int examples) {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("objective", v.classification() ? CLASSIFICATION : LANGUAGE_MODEL);
    results.put("validation_loss", v.loss());
    results.put("validation_output_loss", v.outputLoss());
    results.put("test_loss", t.loss());
    results.put("test_perplexity", t.perplexity());
    if (v.classification()) {
      results.put("validation_accuracy", v.accuracy());
      results.put("validation_macro_f1", v.macroF1());
      results.put("test_accuracy", t.accuracy());
      results.put("test_macro_f1", t.macroF1());
    }
    results.put("train_examples", examples);
    results.put("selected_sources", selected.size());
    return results;
  }
}
