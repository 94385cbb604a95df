package dev.gradex.local;

import ai.djl.Device;
import dev.gradex.baselines.BaselineInputs;
import dev.gradex.baselines.BaselineSelection;
import dev.gradex.baselines.Baselines;
import dev.gradex.baselines.SelectionMethod;
import dev.gradex.component.stage.StageRunner;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.core.OutputLock;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.fidelity.FidelityReport;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.estimate.EstimateSubsetsConfig;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsRun;
import dev.gradex.estimate.EstimatedSubset;
import dev.gradex.estimate.SelectionFile;
import dev.gradex.extract.ExtractStage;
import dev.gradex.finetune.FineTuneResult;
import dev.gradex.finetune.FineTuneStage;
import dev.gradex.metatrain.MetaTrainResult;
import dev.gradex.metatrain.MetaTrainStage;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.Batching;
import dev.gradex.model.train.LoraJob;
import dev.gradex.tracking.ModelAliases;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.mlflow.TrackerConfig;
import dev.gradex.tracking.mlflow.Trackers;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs the four GradEx stages of Li, Zhang, Wang, Zhang (arXiv 2409.19458) in one process on CPU:
 * meta-train (stage 1), extract-gradients (2), estimate-subsets (3-4) and fine-tune (5), each into
 * its own directory under the run directory and each idempotent, so a rerun after a crash resumes
 * at the first unfinished stage. After the final fine-tune it fine-tunes a few sampled subsets for
 * real, each for as many optimizer steps as the final one took (the fidelity check, {@link
 * FidelityCheck}), and at the end writes {@code fidelity.json} and the run's {@code report.html}
 * ({@link RunReport}). With MLFLOW_TRACKING_URI set, the run is one MLflow parent run with a nested
 * run per stage (metrics include the training curves step by step and the fidelity figures; the
 * report is an artifact), the parent run holds every setting, the datasets, the selection and the
 * headline figures ({@link RunTracking}), and the final adapter is registered as a loadable MLflow
 * model (champion only if its validation loss is better, {@link dev.gradex.finetune.ModelPackage}).
 */
public final class LocalPipeline implements Callable<RunSummary> {
  private static final Device DEVICE = Device.cpu();
  private final RunConfig config;
  private final Path configFile;
  private final Map<String, String> env;
  private final ProgressListener listener;
  private Map<String, List<String>> truth = Map.of();
  private boolean allSourcesBaseline;
  private boolean targetOnlyBaseline;
  private SelectionMethod select;

  public LocalPipeline(
      RunConfig config, Path configFile, Map<String, String> env, ProgressListener listener) {
    this.config = config;
    this.configFile = configFile;
    this.env = env;
    this.listener = listener;
  }

  /** Planted roles (role to source names) when the truth is known; shown in the report. */
  public LocalPipeline optTruth(Map<String, List<String>> truth) {
    this.truth = Map.copyOf(truth);
    return this;
  }

  /**
   * Also fine-tunes on the target and every source (what one would do without selection), into
   * {@code fine-tune-all-sources}: a comparison for the selection and a free fidelity point.
   */
  public LocalPipeline optAllSourcesBaseline(boolean run) {
    this.allSourcesBaseline = run;
    return this;
  }

  /**
   * Also fine-tunes on the target alone, into {@code fine-tune-target-only}, unless the fidelity
   * check already fine-tuned exactly that (same data and settings), whose result is then reused.
   */
  public LocalPipeline optTargetOnlyBaseline(boolean run) {
    this.targetOnlyBaseline = run;
    return this;
  }

  /**
   * Selects the final fine-tune's sources by a similarity baseline instead of GradEx's estimate
   * (null, the default, keeps GradEx's selection): after estimate-subsets, the baseline picks as
   * many sources as GradEx selected (seed: the run's), writes them to {@code select-METHOD/}
   * ({@code selection.json}, {@code ranking.csv}) and the final fine-tune, into {@code
   * fine-tune-METHOD}, trains on them. The summary and report record the method.
   */
  public LocalPipeline optSelect(SelectionMethod method) {
    this.select = method;
    return this;
  }

  /** The name the summary records for GradEx's own selection. */
  public static final String GRADEX_METHOD = "gradex";

  @Override
  public RunSummary call() throws Exception {
    // The whole configuration, data files included, is checked before any directory is created.
    config.validate(configFile);
    Path out = RunConfig.resolve(configFile, config.out());
    // one run at a time per out directory, for the whole run: a second one is refused unwritten
    try (OutputLock lock = OutputLock.acquire(out)) {
      return run(out);
    }
  }

  private RunSummary run(Path out) throws Exception {
    Path sources = writeSources(out.resolve("sources"));
    long started = System.nanoTime();
    Tracker tracker =
        Trackers.fromEnvironment(
            env,
            TrackerConfig.builder()
                .optRunName(RunTracking.runName(config, Instant.now()))
                .optSourceName("gradex run")
                .optBufferUnder(out));
    RunSummary summary;
    try (tracker) {
      boolean tracked = tracker.summary().trackingUri().isPresent();
      RunTracking tracking = new RunTracking(tracker, config, sources, tracked);
      if (tracked) {
        tracking.started(out);
      }
      Stages stages =
          new Stages(tracker, tracking, listener)
              .optPrevious(PreviousTimings.read(out.resolve(SUMMARY), listener))
              .optRecord(out.resolve(PreviousTimings.STAGE_SECONDS))
              .optPlanned(
                  // base model, meta-train, extract, estimate, fine-tune, [fidelity],
                  // [all sources], [target only], report
                  6
                      + (select != null ? 1 : 0)
                      + (config.fidelitySubsets() > 0 ? 1 : 0)
                      + (allSourcesBaseline ? 1 : 0)
                      + (targetOnlyBaseline ? 1 : 0));
      Path base = stages.untracked("base model", "base_model", () -> baseModel(out));
      Path metaOut = out.resolve("meta-train");
      MetaTrainResult meta =
          stages.run(
              "meta-train",
              "meta_train",
              new MetaTrainStage(
                  sources, base, metaOut, settings(config.train()), DEVICE, listener));
      Path store = out.resolve("gradients");
      stages.run("extract-gradients", "extract_gradients", extract(sources, base, metaOut, store));
      EstimateSubsetsResult est =
          stages.run(
              "estimate-subsets",
              "estimate_subsets",
              new EstimateSubsetsRun(estimateConfig(store, out), listener));
      Chosen chosen = choose(stages, out, sources, store, base, est);
      tracking.selected(est, chosen.selected());
      Evaluation ev = evaluate(stages, out, sources, base, metaOut, est, chosen);
      summary =
          stages.run(
              "report",
              "report",
              new Stages.Step<>("report", () -> report(tracker, out, est, meta, ev, stages)));
      tracking.finished(summary, (System.nanoTime() - started) / 1e9);
      if (tracked) {
        tracking.register(out, ev.fine());
      }
    }
    // The tracker is closed: its count includes the last stage's calls and the parent's end.
    summary = summary.withTracking(trackingLine(tracker.summary()));
    AtomicFiles.writeString(out.resolve(SUMMARY), Json.PRETTY.writeValueAsString(summary));
    return summary;
  }

  /** The tracker's end-of-run message and which model version and alias were registered. */
  private static String trackingLine(TrackingSummary t) {
    StringBuilder sb = new StringBuilder(t.message());
    for (ModelPromotion p : t.promotions()) {
      if (p.alias().equals(ModelAliases.ALREADY_REGISTERED)) {
        sb.append(
            String.format(
                " %s: this adapter already is version %s; nothing registered.",
                p.model(), p.version()));
      } else {
        sb.append(
            String.format(
                " Registered %s version %s as %s (validation loss %.4g%s).",
                p.model(),
                p.version(),
                p.alias(),
                p.loss(),
                p.previousChampion().isEmpty()
                    ? ""
                    : ", champion was version "
                        + p.previousChampion().get()
                        + (p.previousChampionLoss().isPresent()
                            ? String.format(" at %.4g", p.previousChampionLoss().getAsDouble())
                            : "")));
      }
    }
    return sb.toString();
  }

  /**
   * The sources the final fine-tune trains on, the method that chose them and its fine-tune
   * directory under the run.
   */
  private record Chosen(List<String> selected, String method, String dir) {
    boolean gradex() {
      return method.equals(GRADEX_METHOD);
    }
  }

  /** GradEx's selection, or the {@link #optSelect} baseline's of the same size. */
  private Chosen choose(
      Stages stages, Path out, Path sources, Path store, Path base, EstimateSubsetsResult est)
      throws Exception {
    if (select == null) {
      return new Chosen(est.selected(), GRADEX_METHOD, "fine-tune");
    }
    String name = select.cliName();
    BaselineSelection b =
        stages.untracked(
            "select: " + name + " baseline",
            "select",
            () ->
                Baselines.select(
                    select,
                    BaselineInputs.of(sources, store, est.selected(), base),
                    est.selected().size(),
                    config.seed()));
    b.writeTo(out.resolve("select-" + name));
    listener.on(
        ProgressEvent.StageStarted.step(
            "select: the "
                + name
                + " baseline selected "
                + b.selected()
                + " (GradEx: "
                + est.selected()
                + ")"));
    return new Chosen(b.selected(), name, "fine-tune-" + name);
  }

  /**
   * What the fine-tunes after the estimate gave: the final one, the final model and baselines as
   * shown to the user, fidelity points.
   */
  private record Evaluation(
      FineTuneResult fine,
      List<FineTuned> models,
      List<FidelityCheck.Point> points,
      long budget,
      Chosen chosen) {
    double test(String name) {
      return models.stream()
          .filter(m -> m.name().equals(name))
          .mapToDouble(FineTuned::testLoss)
          .findFirst()
          .orElse(Double.NaN);
    }
  }

  /**
   * The final fine-tune on the selection, the fidelity fine-tunes of sampled subsets (each for the
   * final fine-tune's number of optimizer steps, an equal budget) and, if asked for, the
   * all-sources and target-only baselines; the selection, the target-only baseline and (when it
   * took the same number of steps) the all-sources baseline are free fidelity points.
   */
  private Evaluation evaluate(
      Stages stages,
      Path out,
      Path sources,
      Path base,
      Path metaOut,
      EstimateSubsetsResult est,
      Chosen chosen)
      throws Exception {
    List<String> selected = chosen.selected();
    List<String> all = config.sources().stream().map(RunConfig.SourceEntry::name).toList();
    // The final fine-tune runs first: its optimizer steps are the budget every fidelity point
    // and the target-only baseline share, unless fineTune.maxSteps sets one for all.
    Path fineOut = out.resolve(chosen.dir());
    FineTuneResult fine =
        stages.run(chosen.dir(), "fine_tune", fineTuneStage(sources, base, selected, fineOut));
    long budget = budgetSteps(fine);
    List<FidelityCheck.Point> points = new ArrayList<>();
    if (config.fidelitySubsets() > 0) {
      List<FidelityPlan.Planned> picked =
          FidelityPlan.pick(
              EstimatedSubset.readAll(est.out()),
              config.fidelitySubsets(),
              config.seed(),
              allSourcesBaseline ? List.of(selected, all) : List.of(selected),
              est.targetOnlyLoss(),
              SelectionFile.read(est.out()).bestSingle());
      FidelityCheck.FineTuner tuner =
          (members, dir) -> StageRunner.runOrReuse(pointStage(sources, base, members, dir, budget));
      points.addAll(
          stages
              .run(
                  "fidelity",
                  "fidelity",
                  new Stages.Step<>(
                      "fidelity",
                      () ->
                          FidelityCheck.fineTune(
                              out, picked, fidelityBudget(budget), tuner, listener)))
              .points());
    }
    if (chosen.gradex()) {
      // a baseline's selection has no estimate fhat: it is no fidelity point
      points.add(
          FidelityCheck.Point.of(
              FidelityCheck.SELECTION,
              FidelityCheck.SELECTION,
              selected,
              est.selectedLoss(),
              fine));
    }
    List<FineTuned> models = new ArrayList<>();
    models.add(FineTuned.of(FineTuned.SELECTION, chosen.dir(), selected.size(), fine, null));
    if (allSourcesBaseline) {
      Baseline baseline = allSources(stages, out, sources, base, metaOut, all);
      models.add(baseline.model());
      Long steps = baseline.results().trainSteps();
      if (!Set.copyOf(selected).equals(Set.copyOf(all)) && steps != null && steps == budget) {
        points.add(
            FidelityCheck.Point.of(
                FidelityCheck.ALL_SOURCES,
                FidelityCheck.ALL_SOURCES,
                all,
                est.allSourcesLoss(),
                baseline.results()));
      } else if (!Set.copyOf(selected).equals(Set.copyOf(all))) {
        listener.on(
            ProgressEvent.StageStarted.step(
                "fine-tune-all-sources: not a fidelity point, its training budget ("
                    + (steps == null ? "theta* of meta-train" : steps + " optimizer steps")
                    + ") is not the points' "
                    + budget
                    + " steps"));
      }
    }
    if (targetOnlyBaseline) {
      boolean measured =
          points.stream().anyMatch(p -> p.kind().equals(FidelityPlan.TARGET_ONLY))
              || selected.isEmpty();
      if (selected.isEmpty()) {
        stages.reused(
            "fine-tune-target-only", "the selection is empty, so the final fine-tune is it");
      }
      TargetOnly t =
          selected.isEmpty()
              ? new TargetOnly(fine, chosen.dir())
              : targetOnly(stages, out, sources, base, budget);
      FineTuneResult r = t.result();
      String dir = t.dir();
      String reused =
          dir.equals(TARGET_ONLY_DIR)
              ? null
              : dir.equals(chosen.dir())
                  ? "the final fine-tune (the selection is empty: the target alone)"
                  : "the fidelity check's fine-tune in " + dir;
      models.add(FineTuned.of(FineTuned.TARGET_ONLY, dir, 0, r, reused));
      if (!measured) {
        points.add(
            FidelityCheck.Point.of(
                FidelityPlan.TARGET_ONLY + " baseline",
                FidelityPlan.TARGET_ONLY,
                List.of(),
                est.targetOnlyLoss(),
                r));
      }
    }
    return new Evaluation(fine, List.copyOf(models), points, budget, chosen);
  }

  /**
   * After {@link #call()}: fine-tunes the base model on the target and {@code members} with this
   * run's fineTune settings and {@code maxSteps} optimizer steps into {@code dir}, through the
   * fine-tune stage (reused when {@code dir} holds a complete one with the same inputs). Benchmarks
   * use it to compare other selections under the run's own recipe.
   */
  public FineTuneResult fineTuneSubset(List<String> members, Path dir, long maxSteps)
      throws Exception {
    Path out = RunConfig.resolve(configFile, config.out());
    Path sources = out.resolve("sources");
    if (!java.nio.file.Files.isDirectory(sources)) {
      throw new IllegalStateException(out + ": no sources/ yet; run the pipeline first");
    }
    return StageRunner.runOrReuse(pointStage(sources, baseModel(out), members, dir, maxSteps));
  }

  private static final String TARGET_ONLY_DIR = "fine-tune-target-only";

  /** The run's summary, in the run directory. */
  static final String SUMMARY = "summary.json";

  /**
   * The all-sources baseline. With the same data (target plus every source) and the same LoRA
   * settings as meta-training, it would repeat meta-training bit for bit, so theta* is reused
   * instead: copied into {@code fine-tune-all-sources} and evaluated on the test split.
   */
  private Baseline allSources(
      Stages stages, Path out, Path sources, Path base, Path metaOut, List<String> all)
      throws Exception {
    Path allOut = out.resolve("fine-tune-all-sources");
    boolean same = settings(config.train()).equals(settings(config.fineTune()));
    FineTuneStage stage =
        new FineTuneStage(
            sources, base, all, allOut, settings(config.fineTune()), DEVICE, listener);
    String reused = null;
    if (same) {
      reused = "theta* of meta-train (the same data and settings as meta-training)";
      stage.optReuseAdapter(MetaTrainStage.adapter(metaOut));
      listener.on(
          ProgressEvent.StageStarted.step(
              "fine-tune-all-sources: fineTune settings equal meta-training's, so this is"
                  + " meta-training again; reusing theta* (meta-train) and evaluating it on the test"
                  + " split"));
    }
    FineTuneResult r = stages.run("fine-tune-all-sources", "all_sources_baseline", stage);
    return new Baseline(
        r, FineTuned.of(FineTuned.ALL_SOURCES, "fine-tune-all-sources", all.size(), r, reused));
  }

  /** A baseline fine-tune's stage results and how the user sees it. */
  private record Baseline(FineTuneResult results, FineTuned model) {}

  /** The target-only baseline's result and the directory (under the run) it is in. */
  private record TargetOnly(FineTuneResult result, String dir) {}

  /**
   * The target-only baseline: the fidelity check's target-only fine-tune when it is complete with
   * the same inputs and settings, else a fine-tune into {@code fine-tune-target-only}.
   */
  private TargetOnly targetOnly(Stages stages, Path out, Path sources, Path base, long budget)
      throws Exception {
    String fidelityDir = FidelityCheck.DIR + "/" + FidelityPlan.TARGET_ONLY_ID;
    Optional<FineTuneResult> done =
        pointStage(sources, base, List.of(), out.resolve(fidelityDir), budget).completed();
    if (done.isPresent()) {
      stages.reused(
          "fine-tune-target-only",
          "reusing the fidelity check's target-only fine-tune ("
              + fidelityDir
              + ", same data and settings)");
      return new TargetOnly(done.get(), fidelityDir);
    }
    Path dir = out.resolve(TARGET_ONLY_DIR);
    FineTuneResult r =
        stages.run(
            "fine-tune-target-only",
            "target_only_baseline",
            pointStage(sources, base, List.of(), dir, budget));
    return new TargetOnly(r, TARGET_ONLY_DIR);
  }

  /** fidelity.json/csv, the summary and report.html. */
  private RunSummary report(
      Tracker tracker,
      Path out,
      EstimateSubsetsResult est,
      MetaTrainResult meta,
      Evaluation ev,
      Stages stages) {
    FidelityReport fidelity = FidelityCheck.write(out, ev.points(), fidelityBudget(ev.budget()));
    RunSummary summary =
        new RunSummary(
            out,
            ev.chosen().selected(),
            ev.chosen().gradex() ? est.selectedLoss() : Double.NaN,
            est.allSourcesLoss(),
            est.targetOnlyLoss(),
            ev.fine().validationLoss(),
            ev.fine().testLoss(),
            meta.validationLoss(),
            Map.copyOf(stages.seconds()),
            tracker.summary().message(),
            ev.fine().validationOutputLoss(),
            ev.test(FineTuned.ALL_SOURCES),
            fidelity,
            out.resolve(RunReport.FILE),
            ev.test(FineTuned.TARGET_ONLY),
            ev.models(),
            est.warnings(),
            stages.thisRunSeconds(),
            ev.chosen().method());
    RunReport.write(config, configFile, summary, ev.points(), truth);
    return summary;
  }

  /**
   * After {@link #call()}: extracts the run's gradients at theta* again, projected to {@code dim}
   * dimensions, into the store {@code store} through the extract stage (reused when complete);
   * benchmarks use it to measure the effect of d.
   */
  public Path extractGradients(int dim, Path store) throws Exception {
    Path out = RunConfig.resolve(configFile, config.out());
    RunConfig.Gradients g = config.gradients();
    RunConfig.Gradients at = new RunConfig.Gradients(dim, g.seed(), g.batchSize(), g.chunkSize());
    StageRunner.runOrReuse(
        extract(out.resolve("sources"), baseModel(out), out.resolve("meta-train"), store, at));
    return store;
  }

  private ExtractStage extract(Path sources, Path base, Path metaOut, Path store) {
    return extract(sources, base, metaOut, store, config.gradients());
  }

  private ExtractStage extract(
      Path sources, Path base, Path metaOut, Path store, RunConfig.Gradients g) {
    return new ExtractStage(
        sources,
        base,
        MetaTrainStage.adapter(metaOut),
        store,
        new ExtractStage.Settings(
            g.dim(), g.seed(), g.batchSize(), 0, 1, config.sequenceLimit(), g.chunkSize()),
        DEVICE,
        listener);
  }

  /**
   * The optimizer steps every fidelity point and the target-only baseline take (paper's second
   * fidelity measure: f(S) of different subsets is comparable only under one training budget):
   * {@code fineTune.maxSteps} when set, else the steps the final fine-tune took ({@code
   * fineTune.epochs} epochs over the target and the selection).
   */
  private long budgetSteps(FineTuneResult fine) {
    long maxSteps = config.fineTune().maxSteps();
    if (maxSteps > 0) {
      return maxSteps;
    }
    if (fine.trainSteps() == null || fine.trainSteps() <= 0) {
      throw new IllegalStateException(
          "the final fine-tune in " + fine.out() + " records no train_steps to share as a budget");
    }
    return fine.trainSteps();
  }

  /** The training budget every fidelity point shares, as fidelity.json states it. */
  private String fidelityBudget(long budget) {
    RunConfig.Training t = config.fineTune();
    String common =
        String.format(
            "learning rate %s, batch size %d, %s batching",
            t.learningRate(), t.batchSize(), t.batching());
    String source =
        t.maxSteps() > 0
            ? "fineTune.maxSteps"
            : "the final fine-tune's: fineTune.epochs = "
                + t.epochs()
                + " epoch(s) over the target and the selection";
    return String.format(
        "fineTune settings for every point: %d optimizer steps (%s) over the target's training"
            + " data plus the subset's sources, %s; an equal budget in steps, so every point takes"
            + " the same number of optimizer steps",
        budget, source, common);
  }

  /**
   * A fidelity point's (or the target-only baseline's) fine-tune: the fineTune settings with the
   * shared step budget.
   */
  private FineTuneStage pointStage(
      Path sources, Path base, List<String> members, Path dir, long budget) {
    LoraJob.Settings s = settings(config.fineTune()).withMaxSteps(budget);
    return new FineTuneStage(sources, base, members, dir, s, DEVICE, listener);
  }

  /** The fine-tune of the base model on the target and {@code members} (final, baseline). */
  private FineTuneStage fineTuneStage(Path sources, Path base, List<String> members, Path dir) {
    return new FineTuneStage(
        sources, base, members, dir, settings(config.fineTune()), DEVICE, listener);
  }

  private Path writeSources(Path dir) {
    List<SourceSet.Source> list = new ArrayList<>();
    for (RunConfig.SourceEntry s : config.sources()) {
      list.add(
          new SourceSet.Source(s.name(), RunConfig.resolve(configFile, s.path()).toString(), null));
    }
    RunConfig.Target t = config.target();
    SourceSet.write(
        dir,
        new SourceSet.Splits(
            RunConfig.resolve(configFile, t.train()).toString(),
            RunConfig.resolve(configFile, t.validation()).toString(),
            RunConfig.resolve(configFile, t.test()).toString()),
        list,
        config.labels(configFile));
    return dir;
  }

  private Path baseModel(Path out) {
    if (config.model().dir() != null) {
      return RunConfig.resolve(configFile, config.model().dir());
    }
    RunConfig.Tiny tiny = config.model().tiny();
    Path corpus =
        tiny.pretrainData() == null ? null : RunConfig.resolve(configFile, tiny.pretrainData());
    return TinyBase.create(
        out.resolve("base-model"), tiny, corpus, config.seed(), DEVICE, listener);
  }

  private LoraJob.Settings settings(RunConfig.Training t) {
    return new LoraJob.Settings(
        t.epochs(),
        t.learningRate(),
        t.batchSize(),
        config.lora().rank(),
        config.lora().alpha(),
        config.lora().targets(),
        config.sequenceLimit(),
        config.seed(),
        t.maxSteps(),
        Batching.parse("batching", t.batching()),
        t.evalBatchSize(),
        t.recompute());
  }

  private EstimateSubsetsConfig estimateConfig(Path store, Path out) {
    RunConfig.Estimate e = config.estimate();
    EstimatorConfig.Builder est = EstimatorConfig.builder().optSeed(config.seed());
    est.optLambda(e.lambda());
    if (e.normCap() != null && e.normCap() != 0) {
      est.optNormCap(e.normCap());
    }
    return EstimateSubsetsConfig.builder()
        .setStore(store)
        .setOut(out.resolve("estimate"))
        .optSubsets(e.subsets())
        .optAlpha(e.alpha())
        .optMode(e.mode())
        .optSelect(e.select())
        .optSeed(config.seed())
        .optEstimator(est.build())
        .optDefaultNormCap(
            e.normCap() != null && e.normCap() == 0 ? Double.NaN : EstimatorConfig.DEFAULT_NORM_CAP)
        .build();
  }
}
