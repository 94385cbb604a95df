package dev.gradex.finetune;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradex.component.StageCheckpoints;
import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.SelectedSources;
import dev.gradex.core.TreeDigest;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.cli.TrainingMetrics;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.EvalResult;
import dev.gradex.model.train.LoraJob;
import dev.gradex.tracking.MetricPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 5 of Li, Zhang, Wang, Zhang (arXiv 2409.19458): fine-tunes the pretrained base model once
 * on the target's training data plus the selected sources (from {@code selection.json}), keeps the
 * epoch with the best target validation loss, evaluates it on the target test split, and writes the
 * adapter's files, {@code metrics.json}, the training curves ({@code curves.csv}) and {@code
 * manifest.json} into {@code out}. Besides the losses (cross-entropy per example for a classifier,
 * with accuracy and macro-F1; token cross-entropy for a language model), {@code
 * validation_output_loss} is the true f(S) in the units of the estimate fhat(S) (the paper's second
 * fidelity measure; docs/method.md#fidelity). Idempotent; a killed run rerun with the same inputs
 * resumes from {@code out/.checkpoints} ({@link StageCheckpoints}). Run it with {@link
 * dev.gradex.component.stage.StageRunner}, which writes the manifest.
 */
public final class FineTuneStage implements Stage<LoraJob.Settings, FineTuneResult> {
  public static final String KIND = "fine-tune";

  /** {@code objective} of a classifier target: losses are cross-entropy per example. */
  public static final String CLASSIFICATION = "classification";

  /** {@code objective} of a language-model target: losses are token cross-entropy. */
  public static final String LANGUAGE_MODEL = "language-model";

  /**
   * What the key is computed over.
   *
   * @param sources digest of each source and target file, by name
   * @param baseModel the base model directory's tree digest
   * @param selected the selected sources
   * @param settings the training settings
   * @param reusedAdapterWeights the reused adapter weights' digest; null when training
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Inputs(
      Map<String, String> sources,
      String baseModel,
      List<String> selected,
      LoraJob.Settings settings,
      String reusedAdapterWeights) {}

  private final Path sources;
  private final Path baseModel;
  private final List<String> selected;
  private final Path out;
  private final LoraJob.Settings settings;
  private final Device device;
  private final ProgressListener listener;
  private Path reuseAdapter;
  private Prepared prepared;

  public FineTuneStage(
      Path sources,
      Path baseModel,
      List<String> selected,
      Path out,
      LoraJob.Settings settings,
      Device device,
      ProgressListener listener) {
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
   * and evaluated on the target validation and test splits; the result says {@code reused_theta}
   * and the manifest's inputs name the reused weights' digest.
   */
  public FineTuneStage optReuseAdapter(Path trainedAdapter) {
    this.reuseAdapter = trainedAdapter;
    this.prepared = null;
    return this;
  }

  /**
   * The selected source names from an estimate-subsets output's (or a baseline's) {@code
   * selection.json}: {@link SelectedSources#read}.
   */
  public static List<String> readSelection(Path selectionDirOrFile) {
    return SelectedSources.read(selectionDirOrFile);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public LoraJob.Settings settings() {
    return settings;
  }

  @Override
  public String key() {
    return prepare().key();
  }

  /**
   * The result recorded in {@code out} by a complete earlier run of this very fine-tune (same data,
   * base model, selection and settings), marked reused; empty if there is none. Trains nothing: a
   * caller can look for a fine-tune done elsewhere before running its own.
   */
  @Override
  public Optional<FineTuneResult> completed() {
    return StageManifest.completed(out, KIND, key(), LoraJob.RECORDS, FineTuneResult.class)
        .map(r -> r.found(out));
  }

  @Override
  public FineTuneResult run() {
    Prepared p = prepare();
    SourceSet set = p.set();
    if (reuseAdapter != null) {
      return reuse(set, p.train());
    }
    LoraJob.Result r =
        LoraJob.run(
            baseModel,
            p.train(),
            set.readTarget(set.target().validation()),
            set.readTarget(set.target().test()),
            settings,
            device,
            out.resolve("adapter"),
            StageCheckpoints.prepare(out, p.key()),
            listener);
    FineTuneResult result =
        result(
            r.validation(),
            r.test(),
            r.examples(),
            r.training().steps(),
            settings.sequenceLimit().truncate() ? r.truncated() : null,
            r.throughputMetrics());
    LoraJob.writeRecords(out, r, result);
    return result;
  }

  @Override
  public Optional<ManifestTarget> manifest() {
    return Optional.of(new ManifestTarget(out, prepare().inputs(), LoraJob.RECORDS));
  }

  @Override
  public List<MetricPoint> series() {
    return TrainingMetrics.series(out);
  }

  /** The source set, training data, content inputs and key of this fine-tune. */
  private record Prepared(SourceSet set, List<Dataset> train, Inputs inputs, String key) {}

  private Prepared prepare() {
    if (prepared != null) {
      return prepared;
    }
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
    Inputs inputs =
        new Inputs(
            set.digests(),
            TreeDigest.of(baseModel),
            selected,
            settings,
            reuseAdapter == null ? null : ReusedAdapter.weightsDigest(reuseAdapter));
    prepared = new Prepared(set, train, inputs, StageManifest.key(inputs));
    return prepared;
  }

  /** Copies and evaluates {@link #reuseAdapter} instead of training. */
  private FineTuneResult reuse(SourceSet set, List<Dataset> train) {
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
    FineTuneResult plain = result(e.validation(), e.test(), examples, null, null, Map.of());
    FineTuneResult result =
        new FineTuneResult(
            plain.objective(),
            plain.validationLoss(),
            plain.validationOutputLoss(),
            plain.testLoss(),
            plain.testPerplexity(),
            plain.validationAccuracy(),
            plain.validationMacroF1(),
            plain.testAccuracy(),
            plain.testMacroF1(),
            examples,
            selected.size(),
            null,
            null,
            true,
            reuseAdapter.toAbsolutePath().toString(),
            out,
            false,
            Map.of());
    try {
      AtomicFiles.writeString(out.resolve("metrics.json"), Json.JSON.writeValueAsString(result));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return result;
  }

  /** The stage's result from the validation and test evaluations. */
  private FineTuneResult result(
      EvalResult v,
      EvalResult t,
      int examples,
      Long steps,
      Integer truncated,
      Map<String, Double> throughput) {
    boolean classifier = v.classification();
    return new FineTuneResult(
        classifier ? CLASSIFICATION : LANGUAGE_MODEL,
        v.loss(),
        v.outputLoss(),
        t.loss(),
        t.perplexity(),
        classifier ? v.accuracy() : null,
        classifier ? v.macroF1() : null,
        classifier ? t.accuracy() : null,
        classifier ? t.macroF1() : null,
        examples,
        selected.size(),
        steps,
        truncated,
        false,
        null,
        out,
        false,
        throughput);
  }
}
