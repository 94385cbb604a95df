package dev.gradex.estimate;

import dev.gradex.component.ComponentOutputs;
import dev.gradex.component.ComponentProgress;
import dev.gradex.component.KfpExecutorInput;
import dev.gradex.component.KfpOptions;
import dev.gradex.component.ProgressReporter;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.cli.CatalogOptions;
import dev.gradex.component.stage.StageRunner;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.OutputLock;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.estimate.EstimateSubsetsConfig.Defaults;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.mlflow.TrackerConfig;
import dev.gradex.tracking.mlflow.Trackers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gradex estimate-subsets}: the CPU estimation component's command line. */
@Command(
    name = "estimate-subsets",
    mixinStandardHelpOptions = true,
    modelTransformer = CatalogOptions.class,
    description = {
      "Estimates subsets of sources from a gradient store, scores them and selects.",
      "Estimates the fine-tuned target loss of many random subsets of source tasks (GradEx",
      "stage 3), scores the tasks and selects a subset (stage 4).",
      "Writes subsets.csv, scores.csv, surrogate.csv, selection.json, fastpath.json and",
      "manifest.json into --out. Idempotent: a complete, matching output is left as is;",
      "a killed run resumes where it stopped and ends with the same bytes."
    })
public final class EstimateSubsetsCommand implements Callable<Integer> {
  @Option(names = "--store", required = true, description = "Gradient store directory.")
  Path store;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  // Catalog settings (seed, estimate): default and help from the catalog (CatalogOptions).
  @Option(names = "--subsets")
  int subsets;

  @Option(names = "--alpha")
  double alpha;

  @Option(names = "--seed")
  long seed;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--mode")
  String mode;

  @Option(names = "--lambda")
  double lambda;

  // A soft default: null = the catalog's cap where the store records adapterNorm, else none.
  @Option(names = "--norm-cap")
  Double normCap;

  @Option(
      names = "--tolerance",
      description = "Solver tolerance on the relative gradient norm (default: ${DEFAULT-VALUE}).")
  double tolerance = EstimatorConfig.DEFAULT_TOLERANCE;

  @Option(
      names = "--max-iterations",
      description = "Solver iteration limit per subset (default: ${DEFAULT-VALUE}).")
  int maxIterations = EstimatorConfig.DEFAULT_MAX_ITERATIONS;

  @Option(names = "--token-weighted", description = "Weight examples by target-token count.")
  boolean tokenWeighted;

  @Option(
      names = "--reference-c",
      description = "Reference mode: liblinear C (default: ${DEFAULT-VALUE}).")
  double referenceC = EstimatorConfig.DEFAULT_REFERENCE_C;

  @Option(
      names = "--label-probability",
      description = "Reference mode: P(label = 1) (default: ${DEFAULT-VALUE}).")
  double labelProbability = EstimatorConfig.DEFAULT_LABEL_PROBABILITY;

  @Option(
      names = "--reference-scale",
      description = "Reference mode: rescale ||P w|| to this fraction of ||theta*||.")
  Double referenceScale;

  @Option(names = "--select")
  String select;

  @Option(names = "--scoring")
  String scoring;

  @Option(
      names = "--exclude",
      split = ",",
      description = "Source tasks to leave out of the candidate pool (comma separated names).")
  List<String> exclude = List.of();

  @Option(
      names = "--fast-path-sample",
      description =
          "Subsets on which the fast paths are compared with the exact solution (default:"
              + " ${DEFAULT-VALUE}; 0 = off).")
  int fastPathSample = Defaults.FAST_PATH_SAMPLE;

  @Option(
      names = "--pseudo-tasks",
      description =
          "Cluster the source examples into K pseudo-tasks by gradient direction (cosine k-means)"
              + " and select among those; writes clusters.csv (default: 0 = off).")
  int pseudoTasks;

  @Option(
      names = "--source-digests",
      description = "Digests of the source data (recorded in the manifest; part of the run key).")
  String sourceDigests = "";

  @Option(names = "--report-html", description = "Also write report.html to this path (KFP).")
  Path reportHtml;

  @Option(names = "--metrics-out", description = "Also write the run's metrics as JSON here.")
  Path metricsOut;

  @Mixin KfpOptions kfp = new KfpOptions();

  /** The component's output artifacts (GradexComponents.estimateSubsets). */
  static final List<String> OUTPUTS = List.of("selection", "report", ComponentOutputs.METRICS);

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  private EstimatorConfig estimatorConfig() {
    EstimatorConfig.Builder b =
        EstimatorConfig.builder()
            .optLambda(lambda)
            .optTolerance(tolerance)
            .optMaxIterations(maxIterations)
            .optTokenWeighted(tokenWeighted)
            .optReferenceC(referenceC)
            .optLabelProbability(labelProbability)
            .optSeed(seed);
    if (normCap != null && normCap != 0) {
      b.optNormCap(normCap);
    }
    if (referenceScale != null) {
      b.optReferenceScale(referenceScale);
    }
    return b.build();
  }

  /** Copies the report where the orchestrator (KFP) expects it. */
  private static void publishReport(EstimateSubsetsResult result, Path reportHtml)
      throws IOException {
    if (reportHtml != null) {
      AtomicFiles.write(reportHtml, Files.readAllBytes(result.out().resolve("report.html")));
    }
  }

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (InvalidInputException e) {
      throw EstimateSubsetsFlags.rename(e); // the core names fields; the user typed flags
    }
  }

  private Integer run() throws Exception {
    Optional<KfpExecutorInput> kfpInput = kfp.require(OUTPUTS);
    EstimateSubsetsConfig.Builder b =
        EstimateSubsetsConfig.builder()
            .setStore(store)
            .setOut(out)
            .optSubsets(subsets)
            .optAlpha(alpha)
            .optSeed(seed)
            .optMode(mode)
            .optEstimator(estimatorConfig())
            .optSelect(select)
            .optScoring(scoring)
            .optExclude(exclude)
            .optFastPathSample(fastPathSample)
            .optPseudoTasks(pseudoTasks)
            .optSourceDigests(sourceDigests)
            .optDefaultNormCap(
                normCap != null && normCap == 0
                    ? Double.NaN
                    : Settings.ESTIMATE_NORM_CAP.defaultValue());
    if (threads != null) {
      b.optThreads(threads);
    }
    EstimateSubsetsConfig config = b.build();
    // one writer per --out: a second estimate-subsets into it is refused before it writes
    try (OutputLock lock = OutputLock.acquire(config.out());
        ProgressReporter progress = new ProgressReporter(System.err, quiet);
        Tracker tracker =
            Trackers.fromEnvironment(
                System.getenv(),
                TrackerConfig.builder()
                    .optRunName("gradex estimate-subsets")
                    .optSourceName("estimate-subsets")
                    .optBufferUnder(config.out()))) {
      progress.phase("estimate-subsets " + config.settings() + ", threads=" + config.threads());
      // inside an MLflow stage run when tracking is on: params = the effective configuration, the
      // store as a dataset input, the headline metrics and the output directory as artifacts
      EstimateSubsetsRun stage =
          new EstimateSubsetsRun(config, new ComponentProgress(progress, "estimate-subsets"));
      EstimateSubsetsResult result =
          new StageRunner(tracker, ProgressListener.NONE)
              .optComponentOutputs(kfpInput, metricsOut, List.of("selection", "report"))
              .run("estimate-subsets", stage);
      publishReport(result, reportHtml);
      progress.phase(result.summary());
      TrackingSummary tracking = tracker.summary();
      if (tracking.trackingUri().isPresent() && !tracking.complete()) {
        progress.warn(tracking.message()); // shown even with --quiet: data is not in MLflow yet
      } else {
        progress.phase(tracking.message());
      }
    }
    return 0;
  }
}
